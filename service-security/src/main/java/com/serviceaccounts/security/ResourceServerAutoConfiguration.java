package com.serviceaccounts.security;

import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Makes a service an OAuth 2.0 resource server: every API request needs a valid bearer JWT
 * (signature checked against {@code spring.security.oauth2.resourceserver.jwt.public-key-location}
 * or {@code .jwk-set-uri}); health stays open for orchestrators. A missing or invalid token is a
 * 401 problem with {@code WWW-Authenticate: Bearer}. A valid token has a signature the service
 * trusts, an {@code exp} in the future, a {@code sub}, and an {@code iss} among {@link
 * TrustedIssuers}; the issuer decides whether the caller is a person or a service account ({@link
 * AuthenticatedCallers}). What a valid caller may do is decided per operation with {@link
 * CallerIdentity#require}. The API's description (the OpenAPI document at {@code /v3/api-docs},
 * Swagger UI) is open too: it describes operations, never data.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
    })
@EnableWebSecurity
@EnableConfigurationProperties(TrustedIssuers.class)
public class ResourceServerAutoConfiguration {

  /** The OpenAPI document and Swagger UI (springdoc's default paths). */
  private static final String[] API_DOCUMENTATION = {
    "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"
  };

  @Bean
  SecurityFilterChain resourceServerFilterChain(HttpSecurity http, TrustedIssuers issuers)
      throws Exception {
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
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(actorTypes(issuers)))
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

  /**
   * {@code exp} is required: Spring Security's default accepts a token without one, which would
   * then be valid forever. Boot uses this validator in place of that default one.
   */
  @Bean
  OAuth2TokenValidator<Jwt> expiryRequiredValidator() {
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setAllowEmptyExpiryClaim(false);
    return timestamps;
  }

  /** {@code sub} is required: it is the actor recorded in every event the request causes. */
  @Bean
  OAuth2TokenValidator<Jwt> subjectRequiredValidator() {
    return new JwtClaimValidator<Object>(
        JwtClaimNames.SUB, subject -> subject instanceof String text && !text.isBlank());
  }

  /** {@code iss} must be one of {@link TrustedIssuers}. */
  @Bean
  OAuth2TokenValidator<Jwt> trustedIssuerValidator(TrustedIssuers issuers) {
    Set<String> trusted = issuers.all();
    return new JwtClaimValidator<Object>(
        JwtClaimNames.ISS, issuer -> issuer != null && trusted.contains(issuer.toString()));
  }

  /** {@code sub} must fit the kind of caller the issuer issues tokens for. */
  @Bean
  OAuth2TokenValidator<Jwt> actorValidator(TrustedIssuers issuers) {
    return new ActorValidator(issuers);
  }

  /**
   * The caller's actor type, as an authority derived from the token's issuer (not from any claim
   * the token's holder could choose); {@link AuthenticatedCallers} reads it.
   */
  private static JwtAuthenticationConverter actorTypes(TrustedIssuers issuers) {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt ->
            List.of(
                new SimpleGrantedAuthority(
                    AuthenticatedCallers.ACTOR_TYPE_AUTHORITY_PREFIX
                        + (issuers.issuesServiceAccountTokens(
                                jwt.getClaimAsString(JwtClaimNames.ISS))
                            ? AuthenticatedCallers.SERVICE_ACCOUNT
                            : AuthenticatedCallers.USER))));
    return converter;
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
