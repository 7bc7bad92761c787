package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.events.text.UntrustedText;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The "no access" page a refused sign-in lands on, and the providers the sign-in page offers. */
@Controller
@ControllerAdvice
class OidcPages {

  private final OidcSignIn signIn;

  OidcPages(OidcSignIn signIn) {
    this.signIn = signIn;
  }

  /** Registration id → name, for the sign-in page's "Sign in with …" links. */
  @ModelAttribute("identityProviders")
  Map<String, String> identityProviders() {
    return signIn.providers();
  }

  /**
   * Why the sign-in was refused: a person the claim mapping gives no company ("no access"), or the
   * provider's own refusal, repeated escaped and cut as every echo is. Shown once; the person is
   * not signed in.
   */
  @GetMapping(OidcSignIn.NO_ACCESS)
  String noAccess(HttpSession session, Model model, HttpServletResponse response) {
    Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    boolean noAccess =
        failure instanceof OAuth2AuthenticationException refused
            && CompanyOidcUserService.NO_ACCESS.equals(refused.getError().getErrorCode());
    model.addAttribute("noAccess", noAccess || failure == null);
    model.addAttribute(
        "reason",
        failure instanceof OAuth2AuthenticationException refused
                && refused.getError().getDescription() != null
            ? UntrustedText.echo(refused.getError().getDescription())
            : null);
    response.setStatus(HttpStatus.FORBIDDEN.value());
    return "no-access";
  }
}
