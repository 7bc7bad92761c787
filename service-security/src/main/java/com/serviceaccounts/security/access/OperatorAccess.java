package com.serviceaccounts.security.access;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import com.serviceaccounts.security.tokens.BearerTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Who may reach a service's actuator, and how a resource server refuses: health, info and
 * prometheus are open, every other actuator endpoint is for {@link Operators}: a person's token
 * from an issuer the service verifies with its own key ({@link BearerTokens#isUsersToken}) whose
 * {@code sub} is listed. A missing or invalid token is a 401 problem, an operator endpoint called
 * by anybody else a 403 {@code not-an-operator} problem. Tokens themselves are checked as {@link
 * BearerTokens} says.
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

  private final BearerTokens tokens;
  private final Set<String> operators;

  OperatorAccess(BearerTokens tokens, Operators operators) {
    this.tokens = tokens;
    this.operators = Set.copyOf(operators.operators());
  }

  /**
   * The rules with {@code service-accounts.security.issuers.*} and {@code
   * service-accounts.security.operators} bound from {@code environment} as the auto-configuration
   * binds them.
   */
  public static OperatorAccess from(Environment environment) {
    return new OperatorAccess(
        BearerTokens.from(environment),
        Binder.get(environment).bindOrCreate(Operators.PROPERTIES, Operators.class));
  }

  /**
   * Verifies each bearer token as its issuer requires ({@link BearerTokens#resolver}), with {@link
   * #AUTHORITY} for an operator.
   */
  public AuthenticationManagerResolver<HttpServletRequest> issuers(JwtDecoder trustedKey) {
    return tokens.resolver(trustedKey, authorities());
  }

  /** Every check a token passes besides its signature (for a decoder built by hand). */
  public OAuth2TokenValidator<Jwt> tokenValidator() {
    return tokens.validator();
  }

  /** The caller's authorities: its actor type, and {@link #AUTHORITY} for an operator. */
  private JwtAuthenticationConverter authorities() {
    List<SimpleGrantedAuthority> operator = List.of(new SimpleGrantedAuthority(AUTHORITY));
    return tokens.authorities(
        jwt ->
            tokens.isUsersToken(jwt) && operators.contains(jwt.getSubject())
                ? operator
                : List.of());
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
   * Bearer}, a valid token that may not call an operator endpoint a 403. A token that could not be
   * checked because its issuer's keys could not be fetched is a 503 with {@code Retry-After}: the
   * fault is this side's, and the token may well be good (Spring Security would rethrow it as a
   * 500).
   */
  public OAuth2ResourceServerConfigurer<HttpSecurity> refusals(
      OAuth2ResourceServerConfigurer<HttpSecurity> server) {
    BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    AuthenticationEntryPoint unauthenticated =
        (request, response, failure) -> {
          bearer.commence(request, response, failure);
          ProblemResponses.writeUnauthenticated(
              request,
              response,
              "send a valid bearer token: Authorization: Bearer <JWT> ("
                  + failure.getMessage()
                  + ")");
        };
    AuthenticationFailureHandler failures =
        (request, response, failure) -> {
          if (failure instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(request, response, keysUnavailable());
          } else {
            unauthenticated.commence(request, response, failure);
          }
        };
    server.withObjectPostProcessor(
        new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
          @Override
          public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
            filter.setAuthenticationFailureHandler(failures);
            return filter;
          }
        });
    return server
        .authenticationEntryPoint(unauthenticated)
        .accessDeniedHandler(
            (request, response, failure) -> {
              denied.handle(request, response, failure);
              ProblemResponses.write(request, response, notAnOperator());
            });
  }

  private static ProblemDetail keysUnavailable() {
    return ProblemResponses.problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        ProblemCode.UNAVAILABLE,
        "Token keys unavailable",
        "the bearer token could not be checked: its issuer's keys could not be fetched; try again");
  }

  private static ProblemDetail notAnOperator() {
    return ProblemResponses.problem(
        HttpStatus.FORBIDDEN,
        "not-an-operator",
        ProblemCode.NOT_AN_OPERATOR,
        "Operators only",
        "this endpoint is for the people named in " + Operators.PROPERTIES + ".operators");
  }
}
