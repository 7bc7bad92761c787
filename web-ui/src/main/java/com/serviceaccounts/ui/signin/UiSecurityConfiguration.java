package com.serviceaccounts.ui.signin;

import com.serviceaccounts.ui.oidc.OidcSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Every page but the sign-in needs a signed-in user (kept in the server-side session), signed in
 * with the development sign-in or a company's identity provider ({@link OidcSignIn}); forms carry a
 * CSRF token; pages may load scripts and styles from this origin only.
 */
@Configuration
class UiSecurityConfiguration {

  static final String SIGN_IN = "/sign-in";

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository contexts, OidcSignIn oidc)
      throws Exception {
    oidc.configure(http, SIGN_IN);
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        SIGN_IN,
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
        .securityContext(context -> context.securityContextRepository(contexts))
        .csrf(csrf -> csrf.csrfTokenRequestHandler(new CsrfTokens()))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN)))
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
