package com.serviceaccounts.ui.signin;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.events.text.EmailAddresses;
import com.serviceaccounts.ui.UiProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The development sign-in of the local stack: the user says who they are and which levels they hold
 * in one company, and the UI mints their token with {@link UserTokens}, the development issuer's
 * add-on ({@link DevSignInConfiguration}). Without it the page says sign-in is not set up and
 * refuses every attempt. In production the UI would instead sign users in with the company's
 * identity provider and use the access token it issues; the pages do not change.
 */
@Controller
public class SignInController {

  /** The sign-in page, open to everyone. */
  public static final String SIGN_IN = "/sign-in";

  private static final Duration SESSION_LIFETIME = Duration.ofHours(8);

  private final UiProperties.DevSignIn devSignIn;
  private final SecurityContextRepository contexts;
  private final CsrfTokenRepository csrfTokens;
  private final UserTokens tokens;

  SignInController(
      UiProperties properties,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      ObjectProvider<UserTokens> tokens) {
    this.devSignIn = properties.devSignIn();
    this.contexts = contexts;
    this.csrfTokens = csrfTokens;
    this.tokens = tokens.getIfAvailable();
  }

  /** What the sign-in form holds; levels are those of the company's Admin and Directory tools. */
  record SignInForm(
      String email, String companyId, PermissionLevel adminLevel, PermissionLevel directoryLevel) {}

  @GetMapping(SIGN_IN)
  String form(Model model) {
    UUID company =
        devSignIn.defaultCompany() == null ? UUID.randomUUID() : devSignIn.defaultCompany();
    return page(
        model,
        new SignInForm("", company.toString(), PermissionLevel.ADMIN, PermissionLevel.ADMIN),
        Map.of());
  }

  @PostMapping(SIGN_IN)
  String signIn(
      @ModelAttribute SignInForm form,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (tokens == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return page(model, form, Map.of());
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String email = form.email() == null ? "" : form.email().strip();
    if (!EmailAddresses.isWellFormed(email)) {
      errors.put("email", "Enter your email address, such as alice@acme.example.");
    } else if (Actors.claimDefect(email) != null) {
      // The name the APIs would refuse in a token (ActorValidator): said here, not as a sign-in
      // that ends at the first page.
      errors.put("email", "This address cannot sign in: it " + Actors.claimDefect(email) + ".");
    }
    UUID company = null;
    try {
      company = UUID.fromString(form.companyId() == null ? "" : form.companyId().strip());
    } catch (IllegalArgumentException e) {
      errors.put(
          "companyId",
          "Enter the company's id, a UUID such as 0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11.");
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return page(model, form, errors);
    }
    Map<String, PermissionLevel> levels = new LinkedHashMap<>();
    levels.put(CompanyTools.ADMIN, orNone(form.adminLevel()));
    levels.put(CompanyTools.DIRECTORY, orNone(form.directoryLevel()));
    Instant now = Instant.now();
    String subject = Actors.PERSON + email;
    SignedInUser user =
        new SignedInUser(
            subject,
            tokens.mint(subject, Map.of(company, levels), now, SESSION_LIFETIME),
            now.plus(SESSION_LIFETIME),
            Map.of(company, levels));
    request.getSession(true);
    request.changeSessionId();
    // A new CSRF token for the signed-in user, as Spring Security's own sign-ins make one: a token
    // of the page before (another user's, or one read before signing in) no longer passes.
    csrfTokens.saveToken(null, request, response);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    return "redirect:/companies/" + company + "/service-accounts";
  }

  private String page(Model model, SignInForm form, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("enabled", tokens != null);
    model.addAttribute("levels", PermissionLevel.values());
    return "sign-in";
  }

  private static PermissionLevel orNone(PermissionLevel level) {
    return level == null ? PermissionLevel.NONE : level;
  }
}
