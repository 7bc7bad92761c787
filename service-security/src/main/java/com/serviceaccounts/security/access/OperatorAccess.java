package com.serviceaccounts.security;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;

/**
 * The rules every service applies to bearer tokens and to its actuator, in one place: a valid token
 * has a trusted signature, an {@code exp}, a {@code sub} and an {@code iss} among {@link
 * TrustedIssuers}, with a {@code sub} that fits the issuer ({@link ActorValidator}); its actor type
 * comes from the issuer; health, info and prometheus are open, every other actuator endpoint is for
 * {@link Operators}: a person's token (issuer among {@link TrustedIssuers#users}) whose {@code sub}
 * is listed. A missing or invalid token is a 401 problem, an operator endpoint called by anybody
 * else a 403 {@code not-an-operator} problem.
 *
 * <p>{@link ResourceServerAutoConfiguration} applies it; a service with a filter chain of its own
 * for actuator (the token service) gets it with {@link #from(Environment)}.
 */
public final class OperatorAccess {

  /** The authority of a caller who is an operator. */
  public static final String AUTHORITY = "OPERATOR";

  private static final String[] OPEN_ENDPOINTS = {
    "/actuator/health/**", "/actuator/info", "/actuator/prometheus"
  };

  private final TrustedIssuers issuers;
  private final Set<String> operators;

  OperatorAccess(TrustedIssuers issuers, Operators operators) {
    this.issuers = issuers;
    this.operators = Set.copyOf(operators.operators());
  }

  /**
   * The rules with {@code service-accounts.security.issuers.*} and {@code
   * service-accounts.security.operators} bound from {@code environment} as the auto-configuration
   * binds them.
   */
  public static OperatorAccess from(Environment environment) {
    Binder binder = Binder.get(environment);
    return new OperatorAccess(
        binder.bindOrCreate("service-accounts.security.issuers", TrustedIssuers.class),
        binder.bindOrCreate("service-accounts.security", Operators.class));
  }

  /**
   * Verifies each bearer token as its issuer requires: the issuers of {@code
   * service-accounts.security.issuers.users} and {@code .service-accounts} with {@code trustedKey}
   * (a decoder that applies {@link #tokenValidator()}'s checks), each company identity provider of
   * {@code .identity-providers} with its own keys and claim mapping; a token of any other issuer is
   * refused.
   */
  public AuthenticationManagerResolver<HttpServletRequest> issuers(JwtDecoder trustedKey) {
    return IssuerAuthentication.resolver(
        issuers,
        trustedKey,
        authorities(),
        List.of(accessTokenTypes(), expiryRequired(), subjectRequired()));
  }

  /** Every check a token passes besides its signature (for a decoder built by hand). */
  public OAuth2TokenValidator<Jwt> tokenValidator() {
    return new DelegatingOAuth2TokenValidator<>(
        List.of(
            accessTokenTypes(),
            expiryRequired(),
            subjectRequired(),
            trustedIssuer(issuers),
            new ActorValidator(issuers)));
  }

  /**
   * The caller's authorities, derived from the token's issuer and {@code sub} (not from any claim
   * the token's holder could choose): its actor type, which {@link AuthenticatedCallers} reads, and
   * {@link #AUTHORITY} for an operator.
   */
  public JwtAuthenticationConverter authorities() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> {
          String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
          List<GrantedAuthority> authorities = new ArrayList<>(2);
          authorities.add(
              new SimpleGrantedAuthority(
                  AuthenticatedCallers.ACTOR_TYPE_AUTHORITY_PREFIX
                      + (issuers.issuesServiceAccountTokens(issuer)
                          ? AuthenticatedCallers.SERVICE_ACCOUNT
                          : AuthenticatedCallers.USER)));
          if (issuer != null
              && issuers.users().contains(issuer)
              && operators.contains(jwt.getSubject())) {
            authorities.add(new SimpleGrantedAuthority(AUTHORITY));
          }
          return authorities;
        });
    return converter;
  }

  /** Health, info and prometheus open; every other actuator endpoint for operators only. */
  public AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
      actuator(
          AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
              requests) {
    return requests
        .requestMatchers(OPEN_ENDPOINTS)
        .permitAll()
        .requestMatchers("/actuator/**")
        .hasAuthority(AUTHORITY);
  }

  /**
   * Refusals as problems: a missing or invalid token is a 401 with {@code WWW-Authenticate:
   * Bearer}, a valid token that may not call an operator endpoint a 403.
   */
  public OAuth2ResourceServerConfigurer<HttpSecurity> refusals(
      OAuth2ResourceServerConfigurer<HttpSecurity> server) {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    return server
        .authenticationEntryPoint(
            (request, response, failure) -> {
              bearer.commence(request, response, failure);
              ProblemResponses.writeUnauthenticated(
                  request,
                  response,
                  "send a valid bearer token: Authorization: Bearer <JWT> ("
                      + failure.getMessage()
                      + ")");
            })
        .accessDeniedHandler(
            (request, response, failure) -> {
              denied.handle(request, response, failure);
              ProblemResponses.write(
                  request,
                  response,
                  ProblemResponses.problem(
                      HttpStatus.FORBIDDEN,
                      "not-an-operator",
                      ProblemCode.NOT_AN_OPERATOR,
                      "Operators only",
                      "this endpoint is for the people named in"
                          + " service-accounts.security.operators"));
            });
  }

  /**
   * Accepts the development issuer's tokens ({@code typ: JWT}) and the token service's JWT access
   * tokens ({@code typ: at+jwt}, RFC 9068); Spring Security's default accepts only {@code JWT}.
   */
  static OAuth2TokenValidator<Jwt> accessTokenTypes() {
    JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt");
    types.setAllowEmpty(true);
    return types;
  }

  /**
   * {@code exp} is required: Spring Security's default accepts a token without one, which would
   * then be valid forever.
   */
  static OAuth2TokenValidator<Jwt> expiryRequired() {
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setAllowEmptyExpiryClaim(false);
    return timestamps;
  }

  /** {@code sub} is required: it is the actor recorded in every event the request causes. */
  static OAuth2TokenValidator<Jwt> subjectRequired() {
    return new JwtClaimValidator<Object>(
        JwtClaimNames.SUB, subject -> subject instanceof String text && !text.isBlank());
  }

  /** {@code iss} must be one of {@link TrustedIssuers}. */
  static OAuth2TokenValidator<Jwt> trustedIssuer(TrustedIssuers issuers) {
    Set<String> trusted = issuers.all();
    return new JwtClaimValidator<Object>(
        JwtClaimNames.ISS, issuer -> issuer != null && trusted.contains(issuer.toString()));
  }
}
