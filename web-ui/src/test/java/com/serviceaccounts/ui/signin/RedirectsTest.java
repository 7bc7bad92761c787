package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A redirect goes to a path of the UI, whatever host the request names. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedirectsTest {

  @LocalServerPort int port;

  @Test
  void aRedirectDoesNotRepeatTheHostHeader() throws Exception {
    String answer = exchange("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 302");
    assertThat(answer.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9)))
        .singleElement()
        .asString()
        .doesNotContain("evil.example")
        .endsWith("/sign-in");
  }

  private String exchange(String request) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
