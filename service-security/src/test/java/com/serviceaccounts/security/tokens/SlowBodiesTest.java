package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that open requests and send their bodies a byte at a time, or never, while another client
 * is answered at once. The server here has four request threads, the clients twelve connections.
 */
@ResourceServerCalls.TrustingPeopleAndTokens
@TestPropertySource(
    properties = {
      "server.tomcat.threads.max=4",
      "server.tomcat.threads.min-spare=1",
      "service-accounts.http.virtual-threads=true"
    })
class SlowBodiesTest {

  private static final int SLOW_CLIENTS = 12;

  @DynamicPropertySource
  static void trustedKey(DynamicPropertyRegistry registry) {
    ResourceServerCalls.trustSigner(registry);
  }

  @LocalServerPort int port;

  private final List<Socket> slow = new ArrayList<>();

  @AfterEach
  void hangUp() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
  }

  @Test
  void aRefusedRequestsBodyIsNotWaitedFor() throws Exception {
    // No credentials: each is refused (401) before its body is read, and its body, still coming,
    // holds no thread.
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(startSlowBody(null));
    }
    assertAnsweredAtOnce();
  }

  @Test
  void bodiesTricklingInHoldNoThreadOnJava24AndLaterOnVirtualThreads() throws Exception {
    assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(24);
    String token = ResourceServerCalls.personToken();
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(startSlowBody(token));
    }
    assertAnsweredAtOnce();
  }

  /** A request whose 60,000-byte body has sent one byte, and whose connection stays open. */
  private Socket startSlowBody(String token) throws IOException {
    Socket socket = new Socket("localhost", port);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: 60000\r\n\r\nx")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return socket;
  }

  private void assertAnsweredAtOnce() throws Exception {
    // Time for the slow requests to reach their threads.
    Thread.sleep(500);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/caller"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(401);
  }
}
