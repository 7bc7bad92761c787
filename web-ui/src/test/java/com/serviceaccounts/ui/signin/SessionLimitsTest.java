package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests without a session cost the UI no memory beyond its session limit: a page that needs a
 * sign-in makes no session to send the browser there, and once the limit of open sessions is
 * reached one more is refused, while the open ones go on.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "service-accounts.ui.max-sessions=20")
class SessionLimitsTest {

  @LocalServerPort int port;

  /** With the development sign-in, whose form carries a CSRF token and so makes a session. */
  @DynamicPropertySource
  static void devSignIn(DynamicPropertyRegistry properties) throws IOException {
    Path keys = Files.createTempDirectory("ui-issuer");
    DevTokenIssuer.loadOrCreate(keys);
    properties.add("service-accounts.ui.dev-sign-in.key-directory", keys::toString);
  }

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPageThatNeedsASignInSendsTheBrowserThereWithoutASession() throws Exception {
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> answer =
          get("/companies/" + UUID.randomUUID() + "/service-accounts", null);

      assertThat(answer.statusCode()).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).hasValue("/sign-in");
      assertThat(answer.headers().allValues("Set-Cookie"))
          .noneMatch(c -> c.startsWith("JSESSIONID"));
    }
  }

  @Test
  void oneSessionOverTheLimitIsRefusedAndTheOpenOnesGoOn(CapturedOutput log) throws Exception {
    List<String> sessions = new ArrayList<>();
    HttpResponse<String> answer = get("/sign-in", null);
    while (answer.statusCode() == 200) {
      sessions.add(
          answer.headers().allValues("Set-Cookie").stream()
              .filter(cookie -> cookie.startsWith("JSESSIONID="))
              .findFirst()
              .orElseThrow()
              .split(";")[0]);
      assertThat(sessions).hasSizeLessThanOrEqualTo(20);
      answer = get("/sign-in", null);
    }

    assertThat(sessions).hasSize(20);
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("60");
    for (String session : sessions) {
      assertThat(get("/sign-in", session).statusCode()).isEqualTo(200);
    }
    // Refused quietly: no stack trace logged for each.
    for (int i = 0; i < 5; i++) {
      assertThat(get("/sign-in", null).statusCode()).isEqualTo(503);
    }
    assertThat(log.getAll()).doesNotContain("TooManyActiveSessionsException");
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html");
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
