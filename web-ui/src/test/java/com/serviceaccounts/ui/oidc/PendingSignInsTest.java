package com.serviceaccounts.ui.oidc;

import static com.serviceaccounts.ui.PlainBrowser.cookie;
import static com.serviceaccounts.ui.PlainBrowser.startsASession;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.ui.PlainBrowser;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A sign-in sent to the provider, and a refused one's reason, are kept in the browser, sealed: a
 * flood of sign-ins started makes no session, the provider's answer is taken only with the cookie
 * of the sign-in it answers, and a cookie changed by its holder is no cookie. The provider here is
 * nowhere ({@code 127.0.0.1:1}), so a sign-in whose answer is taken fails at the code's exchange,
 * which the "no access" page says; the whole sign-in runs in {@code OidcProviderSignInBrowserIT}.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.security.oauth2.client.registration.acme.client-id=service-accounts-web-ui",
      "spring.security.oauth2.client.registration.acme.client-secret=secret",
      "spring.security.oauth2.client.registration.acme.scope=openid",
      "spring.security.oauth2.client.registration.acme.authorization-grant-type=authorization_code",
      "spring.security.oauth2.client.registration.acme.redirect-uri="
          + "{baseUrl}/login/oauth2/code/{registrationId}",
      "spring.security.oauth2.client.provider.acme.authorization-uri=http://127.0.0.1:1/authorize",
      "spring.security.oauth2.client.provider.acme.token-uri=http://127.0.0.1:1/token",
      "spring.security.oauth2.client.provider.acme.jwk-set-uri=http://127.0.0.1:1/jwks"
    })
class PendingSignInsTest {

  private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

  @LocalServerPort int port;

  private PlainBrowser browser;

  @BeforeEach
  void browser() {
    browser = new PlainBrowser(port);
  }

  @Test
  void aSignInSentToTheProviderMakesNoSessionAndItsAnswerIsTakenWithItsOwnCookieOnly()
      throws Exception {
    HttpResponse<String> started = null;
    for (int i = 0; i < 50; i++) {
      started = browser.get("/oauth2/authorization/acme", null);
      assertThat(started.statusCode()).isEqualTo(302);
      assertThat(started.headers().firstValue("Location").orElseThrow())
          .startsWith("http://127.0.0.1:1/authorize?");
      assertThat(startsASession(started)).isFalse();
      assertThat(started.headers().allValues("Set-Cookie"))
          .anyMatch(c -> c.startsWith("SIGN-IN-REQUEST=") && c.contains("HttpOnly"));
    }
    HttpResponse<String> another = browser.get("/oauth2/authorization/acme", null);
    String cookie = cookie(started, PendingSignIns.COOKIE);
    String state = state(started);

    // The answer to the sign-in, with its cookie: taken (its code's exchange then fails), also
    // behind another sign-in's cookie of the name.
    for (String itsCookie :
        new String[] {cookie, cookie(another, PendingSignIns.COOKIE) + "; " + cookie}) {
      String reason = refusalShown(browser.get(answer(state), itsCookie));
      assertThat(reason).contains("Sign-in failed").contains("OAuth 2.0 Access Token Response");
    }

    // Without the cookie, with another sign-in's, or with the cookie changed: not taken.
    for (String notItsCookie :
        new String[] {
          null,
          cookie(another, PendingSignIns.COOKIE),
          cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "B" : "A"),
          PendingSignIns.COOKIE + "=" + "x".repeat(5000)
        }) {
      String notTaken = refusalShown(browser.get(answer(state), notItsCookie));
      assertThat(notTaken).contains("Sign-in failed").doesNotContain("Access Token Response");
    }
  }

  @Test
  void theNoAccessPageWithoutARefusalSaysNoAccessAndMakesNoSession() throws Exception {
    HttpResponse<String> page = browser.get("/no-access", null);

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("No access");
    assertThat(startsASession(page)).isFalse();
  }

  /** The provider's answer to the sign-in of {@code state}, with a code. */
  private static String answer(String state) {
    return "/login/oauth2/code/acme?code=the-code&state=" + state;
  }

  /**
   * Follows a refused answer to the "no access" page, checking that neither makes a session and
   * that the page takes the refusal's cookie away; returns the page.
   */
  private String refusalShown(HttpResponse<String> refused) throws Exception {
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/no-access"));
    assertThat(startsASession(refused)).isFalse();
    HttpResponse<String> page = browser.get("/no-access", cookie(refused, SignInRefusals.COOKIE));
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(startsASession(page)).isFalse();
    assertThat(page.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith(SignInRefusals.COOKIE + "=;"));
    return page.body();
  }

  private static String state(HttpResponse<String> started) {
    Matcher state = STATE.matcher(started.headers().firstValue("Location").orElseThrow());
    assertThat(state.find()).isTrue();
    return URLDecoder.decode(state.group(1), StandardCharsets.UTF_8);
  }
}
