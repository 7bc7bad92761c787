package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.ui.signin.SealedCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why a sign-in was refused, carried to the "no access" page in the browser ({@link
 * SealedCookies}), so that a refusal, which anyone can provoke with a made-up answer of the
 * provider's, costs the UI no session. Read once.
 */
@Component
class SignInRefusals implements AuthenticationFailureHandler {

  static final String COOKIE = "SIGN-IN-REFUSED";

  private static final Duration KEPT = Duration.ofMinutes(1);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SealedCookies cookies;

  SignInRefusals(SealedCookies cookies) {
    this.cookies = cookies;
  }

  /**
   * Why: the error's code ({@link CompanyOidcUserService#NO_ACCESS}, or the provider's or Spring
   * Security's) and its description, each escaped and cut as every echo is; either may be null.
   */
  record Refusal(String code, String description) {}

  /** Remembers the refusal and sends the browser to the "no access" page. */
  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    Refusal refusal =
        refused instanceof OAuth2AuthenticationException oauth
            ? new Refusal(
                UntrustedText.echo(oauth.getError().getErrorCode()),
                oauth.getError().getDescription() == null
                    ? null
                    : UntrustedText.echo(oauth.getError().getDescription()))
            : new Refusal(null, null);
    cookies.put(request, response, COOKIE, JSON.writeValueAsString(refusal), KEPT);
    response.sendRedirect(request.getContextPath() + OidcSignIn.NO_ACCESS);
  }

  /** The refusal this browser was sent here with, if any; it is forgotten. */
  Optional<Refusal> take(HttpServletRequest request, HttpServletResponse response) {
    Optional<String> kept = cookies.get(request, COOKIE);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    cookies.remove(request, response, COOKIE);
    try {
      return Optional.of(JSON.readValue(kept.get(), Refusal.class));
    } catch (JacksonException sealedByAnotherVersion) {
      return Optional.empty();
    }
  }
}
