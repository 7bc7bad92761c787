package com.serviceaccounts.ui.signin;

import static com.serviceaccounts.ui.PlainBrowser.cookie;
import static com.serviceaccounts.ui.PlainBrowser.startsASession;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.ui.PlainBrowser;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
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
 * Requests without a session cost the UI no memory: neither a page that needs a sign-in nor the
 * sign-in form makes a session; once the limit of open sessions is reached one more sign-in is
 * refused, while the open ones go on.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.ui.max-sessions=20",
      "service-accounts.ui.max-sessions-per-person=3"
    })
class SessionLimitsTest {

  @LocalServerPort int port;

  /** With the development sign-in, whose form carries a CSRF token. */
  @DynamicPropertySource
  static void devSignIn(DynamicPropertyRegistry properties) throws IOException {
    Path keys = Files.createTempDirectory("ui-issuer");
    DevTokenIssuer.loadOrCreate(keys);
    properties.add("service-accounts.ui.dev-sign-in.key-directory", keys::toString);
  }

  private PlainBrowser browser;

  @BeforeEach
  void browser() {
    browser = new PlainBrowser(port);
  }

  @Test
  void aPageThatNeedsASignInSendsTheBrowserThereWithoutASession() throws Exception {
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> answer =
          browser.get("/companies/" + UUID.randomUUID() + "/service-accounts", null);

      assertThat(answer.statusCode()).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).hasValue("/sign-in");
      assertThat(startsASession(answer)).isFalse();
    }
  }

  /**
   * The sign-in form makes no session: its CSRF token is in a cookie until the person signs in,
   * then in the new session, and the cookie's no longer passes. A flood of sign-in pages kept every
   * new sign-in out for the ten minutes their sessions lived.
   */
  @Test
  void theSignInFormMakesNoSessionAndItsTokenEndsAtTheSignIn() throws Exception {
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> page = browser.get("/sign-in", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(startsASession(page)).isFalse();
      assertThat(page.headers().allValues("Set-Cookie"))
          .anyMatch(c -> c.startsWith("SIGN-IN-CSRF=") && c.contains("HttpOnly"));
    }
    HttpResponse<String> page = browser.get("/sign-in", null);
    String cookie = cookie(page, "SIGN-IN-CSRF");
    String token = csrfTokenOf(page);

    assertThat(signIn(cookie, "not-" + token).statusCode()).isEqualTo(403);
    HttpResponse<String> signedIn = signIn(cookie, token);
    assertThat(signedIn.statusCode()).as(signedIn.headers() + signedIn.body()).isEqualTo(302);
    String session = cookie(signedIn, "JSESSIONID");
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("SIGN-IN-CSRF=;") && c.contains("Expires=Thu, 01 Jan 1970"));

    // The token of the form before the sign-in does not pass with the session; the session's does.
    assertThat(browser.post("/sign-out", session + "; " + cookie, "_csrf=" + token).statusCode())
        .isEqualTo(403);
    String sessionsToken = csrfTokenOf(browser.get("/sign-in", session));
    assertThat(browser.post("/sign-out", session, "_csrf=" + sessionsToken).statusCode())
        .isEqualTo(302);
  }

  @Test
  void oneSessionOverTheLimitIsRefusedAndTheOpenOnesGoOn(CapturedOutput log) throws Exception {
    List<String> sessions = new ArrayList<>();
    HttpResponse<String> page = browser.get("/sign-in", null);
    HttpResponse<String> answer =
        signIn("person0@acme.example", cookie(page, "SIGN-IN-CSRF"), csrfTokenOf(page));
    while (answer.statusCode() == 302) {
      sessions.add(cookie(answer, "JSESSIONID"));
      assertThat(sessions).hasSizeLessThanOrEqualTo(20);
      page = browser.get("/sign-in", null);
      answer =
          signIn(
              "person" + sessions.size() + "@acme.example",
              cookie(page, "SIGN-IN-CSRF"),
              csrfTokenOf(page));
    }

    assertThat(sessions).hasSize(20);
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(answer.body()).contains(SessionLimits.FULL_TEXT);
    for (String session : sessions) {
      HttpResponse<String> signedIn = browser.get("/sign-in", session);
      assertThat(signedIn.statusCode()).isEqualTo(200);
      assertThat(startsASession(signedIn)).isFalse();
    }
    // The form is still there for whoever comes, and refused quietly: no stack trace logged.
    for (int i = 0; i < 5; i++) {
      page = browser.get("/sign-in", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(signIn(cookie(page, "SIGN-IN-CSRF"), csrfTokenOf(page)).statusCode())
          .isEqualTo(503);
    }
    assertThat(log.getAll()).doesNotContain("TooManyActiveSessionsException");
    // A script is told the same in a problem.
    page = browser.get("/sign-in", null);
    HttpResponse<String> problem =
        browser.post(
            "/sign-in",
            cookie(page, "SIGN-IN-CSRF"),
            signInForm("script@acme.example", csrfTokenOf(page)),
            "application/json");
    assertThat(problem.statusCode()).isEqualTo(503);
    assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(problem.body()).contains(SessionLimits.FULL_TEXT, "\"code\":\"unavailable\"");

    // A sign-out frees its session's place.
    for (String session : sessions) {
      assertThat(
              browser
                  .post(
                      "/sign-out",
                      session,
                      "_csrf=" + csrfTokenOf(browser.get("/sign-in", session)))
                  .statusCode())
          .isEqualTo(302);
    }
    page = browser.get("/sign-in", null);
    assertThat(signIn(cookie(page, "SIGN-IN-CSRF"), csrfTokenOf(page)).statusCode()).isEqualTo(302);
  }

  /**
   * One person holds at most their share of the places: a sign-in over it ends their oldest
   * session, and nobody else's. One person signing in again and again took every place.
   */
  @Test
  void aPersonsSignInOverTheirShareEndsTheirOldestSession() throws Exception {
    List<String> carols = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> page = browser.get("/sign-in", null);
      carols.add(
          cookie(
              signIn("carol@acme.example", cookie(page, "SIGN-IN-CSRF"), csrfTokenOf(page)),
              "JSESSIONID"));
    }
    HttpResponse<String> page = browser.get("/sign-in", null);
    String daves =
        cookie(
            signIn("dave@acme.example", cookie(page, "SIGN-IN-CSRF"), csrfTokenOf(page)),
            "JSESSIONID");

    assertThat(signedIn(carols.get(0))).isFalse();
    for (String session : carols.subList(1, 4)) {
      assertThat(signedIn(session)).isTrue();
    }
    assertThat(signedIn(daves)).isTrue();
    for (String session : List.of(carols.get(1), carols.get(2), carols.get(3), daves)) {
      browser.post("/sign-out", session, "_csrf=" + csrfTokenOf(browser.get("/sign-in", session)));
    }
  }

  /** Whether the session is of someone signed in: the home page sends them to their company. */
  private boolean signedIn(String session) throws Exception {
    String home = browser.get("/", session).headers().firstValue("Location").orElseThrow();
    return home.startsWith("/companies/");
  }

  private HttpResponse<String> signIn(String cookie, String csrfToken) throws Exception {
    return signIn("alice@acme.example", cookie, csrfToken);
  }

  private HttpResponse<String> signIn(String email, String cookie, String csrfToken)
      throws Exception {
    return browser.post("/sign-in", cookie, signInForm(email, csrfToken));
  }

  private static String signInForm(String email, String csrfToken) {
    return "_csrf="
        + csrfToken
        + "&email="
        + URLEncoder.encode(email, StandardCharsets.UTF_8)
        + "&companyId="
        + UUID.randomUUID()
        + "&adminLevel=ADMIN&directoryLevel=ADMIN";
  }

  private static String csrfTokenOf(HttpResponse<String> page) {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(token.find()).as(page.body()).isTrue();
    return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
  }
}
