package com.serviceaccounts.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Makes a service an OAuth 2.0 resource server: every API request needs a valid bearer JWT
 * (signature checked against {@code spring.security.oauth2.resourceserver.jwt.public-key-location}
 * or {@code .jwk-set-uri}); health stays open for orchestrators. A missing or invalid token is a
 * 401 problem with {@code WWW-Authenticate: Bearer}; what a valid caller may do is decided per
 * operation with {@link CallerIdentity#require}. The API's description (the OpenAPI document at
 * {@code /v3/api-docs}, Swagger UI) is open too: it describes operations, never data.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
    })
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

  /** The OpenAPI document and Swagger UI (springdoc's default paths). */
  private static final String[] API_DOCUMENTATION = {
    "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"
  };

  @Bean
  SecurityFilterChain resourceServerFilterChain(HttpSecurity http) throws Exception {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                    .permitAll()
                    .requestMatchers(API_DOCUMENTATION)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(
                        (request, response, failure) -> {
                          bearer.commence(request, response, failure);
                          ProblemResponses.write(
                              request,
                              response,
                              ProblemResponses.problem(
                                  HttpStatus.UNAUTHORIZED,
                                  "unauthenticated",
                                  "Authentication required",
                                  "send a valid bearer token: Authorization: Bearer <JWT> ("
                                      + failure.getMessage()
                                      + ")"));
                        }))
        .build();
  }

  /**
   * Accepts the development issuer's tokens ({@code typ: JWT}) and the token service's JWT access
   * tokens ({@code typ: at+jwt}, RFC 9068); Spring Security's default accepts only {@code JWT}.
   * Boot adds this validator to the decoder's defaults in place of that one.
   */
  @Bean
  OAuth2TokenValidator<Jwt> accessTokenTypeValidator() {
    JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt");
    types.setAllowEmpty(true);
    return types;
  }

  @Bean
  CompanyAccessProblems companyAccessProblems() {
    return new CompanyAccessProblems();
  }

  /**
   * Requests Spring Security's firewall refuses (an encoded {@code %} or {@code ;}, a {@code ..}
   * segment, ...) are answered with a 400 problem naming what was refused, like every other
   * refusal; without this they would reach Boot's error page as plain JSON.
   */
  @Bean
  RequestRejectedHandler problemRequestRejectedHandler() {
    return (request, response, rejected) ->
        ProblemResponses.write(
            request,
            response,
            ProblemResponses.problem(
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Request rejected",
                rejected.getMessage()
                    + "; send ids and values as they are, without encoded separators or dot"
                    + " segments"));
  }
}
