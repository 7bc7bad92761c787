package com.serviceaccounts.ui.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
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
  private final SignInRefusals refusals;

  OidcPages(OidcSignIn signIn, SignInRefusals refusals) {
    this.signIn = signIn;
    this.refusals = refusals;
  }

  /** Registration id → name, for the sign-in page's "Sign in with …" links. */
  @ModelAttribute("identityProviders")
  Map<String, String> identityProviders() {
    return signIn.providers();
  }

  /**
   * Why the sign-in was refused: a person the claim mapping gives no company ("no access"), or the
   * provider's own refusal, repeated escaped and cut as every echo is ({@link SignInRefusals}).
   * Shown once; the person is not signed in.
   */
  @GetMapping(OidcSignIn.NO_ACCESS)
  String noAccess(HttpServletRequest request, HttpServletResponse response, Model model) {
    Optional<SignInRefusals.Refusal> refusal = refusals.take(request, response);
    model.addAttribute(
        "noAccess",
        refusal.isEmpty() || CompanyOidcUserService.NO_ACCESS.equals(refusal.get().code()));
    model.addAttribute("reason", refusal.map(SignInRefusals.Refusal::description).orElse(null));
    response.setStatus(HttpStatus.FORBIDDEN.value());
    return "no-access";
  }
}
