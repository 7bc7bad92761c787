package com.serviceaccounts.ui;

import com.serviceaccounts.security.problems.BodilessErrorFilter;
import com.serviceaccounts.ui.errors.UnreadableParameterFilter;
import com.serviceaccounts.ui.oidc.OidcSignIn;
import com.serviceaccounts.ui.signin.CsrfTokens;
import com.serviceaccounts.ui.signin.SavedPages;
import com.serviceaccounts.ui.signin.SessionLimits;
import com.serviceaccounts.ui.signin.SessionOrCookieCsrfTokens;
import com.serviceaccounts.ui.signin.SignInController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Every page but the sign-in needs a signed-in user (kept in the server-side session), signed in
 * with the development sign-in or a company's identity provider ({@link OidcSignIn}); forms carry a
 * CSRF token; each page names the levels it needs ({@code @PreAuthorize} with the pages' policy,
 * {@code PageAccess}); pages may load scripts and styles from this origin only. Parameters are
 * checked first ({@link UnreadableParameterFilter}), with the security headers on its refusals too.
 */
@Configuration
@EnableMethodSecurity
class UiSecurityConfiguration {

  /**
   * The signed-in user, in the session; a session someone signs in over is kept for the configured
   * idle timeout from then on ({@link SessionLimits}).
   */
  @Bean
  SecurityContextRepository securityContextRepository(SessionLimits limits) {
    return new HttpSessionSecurityContextRepository() {
      @Override
      public void saveContext(
          SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        super.saveContext(context, request, response);
        HttpSession session = request.getSession(false);
        if (session != null && context.getAuthentication() != null) {
          limits.signedIn(session, person(context.getAuthentication()));
        }
      }
    };
  }

  /**
   * Whose a session is, for the sessions one person may hold: a provider's person by issuer and
   * subject (a subject is unique at its issuer only), anyone else by their token's subject.
   */
  static String person(Authentication authentication) {
    return authentication.getPrincipal() instanceof OidcUser person
        ? person.getIssuer() + " " + person.getSubject()
        : authentication.getName();
  }

  /** The CSRF tokens, in the session once signed in, in a cookie before; a sign-in makes new. */
  @Bean
  CsrfTokenRepository csrfTokenRepository() {
    return new SessionOrCookieCsrfTokens();
  }

  /**
   * Where an answer of the UI's that a handler left without a body goes: to the error page ({@link
   * BodilessErrorFilter}).
   */
  @Bean
  FilterRegistrationBean<BodilessErrorFilter> bodilessErrorFilter() {
    return BodilessErrorFilter.registeredAt(Ordered.HIGHEST_PRECEDENCE + 1);
  }

  /**
   * Spring Security's firewall, but for parameter names: {@link UnreadableParameterFilter} checks
   * them (no control characters, no unpaired surrogates) and names the one it refuses, where the
   * firewall's check, made as that filter reads them, would answer a 400 naming none, without the
   * security headers.
   */
  @Bean
  HttpFirewall firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedParameterNames(name -> true);
    return firewall;
  }

  @Bean
  SecurityFilterChain pages(
      HttpSecurity http,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      OidcSignIn oidc)
      throws Exception {
    oidc.configure(http, SignInController.SIGN_IN);
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        SignInController.SIGN_IN,
                        OidcSignIn.NO_ACCESS,
                        "/css/**",
                        "/js/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/error",
                        "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .addFilterAfter(new UnreadableParameterFilter(), HeaderWriterFilter.class)
        .securityContext(context -> context.securityContextRepository(contexts))
        .csrf(
            csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new CsrfTokens()))
        // The page asked before the sign-in is remembered in a cookie, not in a session: a request
        // without one costs no memory until it ends.
        .requestCache(cache -> cache.requestCache(new SavedPages()))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(
                    new LoginUrlAuthenticationEntryPoint(SignInController.SIGN_IN)))
        .logout(logout -> logout.logoutUrl("/sign-out"))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
                                + " form-action "
                                + oidc.formActionSources()
                                + "; base-uri 'self'; object-src 'none'")))
        .build();
  }
}
