package com.serviceaccounts.ui;

import com.serviceaccounts.ui.errors.UnreadableParameterFilter;
import com.serviceaccounts.ui.oidc.OidcSignIn;
import com.serviceaccounts.ui.signin.CsrfTokens;
import com.serviceaccounts.ui.signin.SignInController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
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

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
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
  SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository contexts, OidcSignIn oidc)
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
        .csrf(csrf -> csrf.csrfTokenRequestHandler(new CsrfTokens()))
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
