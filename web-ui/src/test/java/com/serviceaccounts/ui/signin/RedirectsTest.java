package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.ui.PlainBrowser;
import jakarta.servlet.http.Cookie;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A redirect goes to a path of the UI, whatever host the request names. */
@ExtendWith(OutputCaptureExtension.class)
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

  /**
   * A saved page's cookie (anyone can send one; another site of the same host can give a browser
   * one) whose address does not parse, or holds what no browser sends, is no saved page, and is
   * ended: every page answered 500 with a stack trace for as long as it lived.
   */
  @Test
  void aSavedPageThatIsNoAddressIsIgnoredAndEnded(CapturedOutput log) throws Exception {
    PlainBrowser browser = new PlainBrowser(port);
    List<String> noAddresses =
        List.of(
            "http://[::1/",
            "/%zz",
            "http://x:1:2/",
            "http://127.0.0.1:8083.evil.example/",
            "/\u00e9\u202e",
            "/a\r\nSet-Cookie: x=y");
    for (String address : noAddresses) {
      String cookie = savedPage(address);
      assertThat(new SavedPages().getRequest(request(cookie), new MockHttpServletResponse()))
          .as(address)
          .isNull();
      for (String page : List.of("/sign-in", "/css/app.css", "/no-access", "/companies")) {
        HttpResponse<String> answer = browser.get(page, cookie);

        assertThat(answer.statusCode()).as(address + " " + page).isIn(200, 302, 403);
        assertThat(answer.headers().allValues("Set-Cookie"))
            .as(address + " " + page)
            .anyMatch(c -> c.startsWith("REDIRECT_URI=;"));
      }
    }
    assertThat(log.getAll()).doesNotContain("InvalidUrlException").doesNotContain("\tat ");
  }

  /** A long address asked before a sign-in is not remembered: its cookie overflowed the answer. */
  @Test
  void aLongAddressIsNotRememberedAndTheBrowserIsSentToSignIn() throws Exception {
    PlainBrowser browser = new PlainBrowser(port);
    HttpResponse<String> answer =
        browser.get("/companies/" + "x".repeat(SavedPages.MAX_ADDRESS_LENGTH + 4000), null);

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("REDIRECT_URI="));
    assertThat(
            browser.get("/companies/" + UUID.randomUUID(), null).headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("REDIRECT_URI="));
  }

  private static String savedPage(String address) {
    return "REDIRECT_URI="
        + Base64.getEncoder().encodeToString(address.getBytes(StandardCharsets.UTF_8));
  }

  private static MockHttpServletRequest request(String cookie) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sign-in");
    String[] nameAndValue = cookie.split("=", 2);
    request.setCookies(new Cookie(nameAndValue[0], nameAndValue[1]));
    return request;
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
