package com.serviceaccounts.security.tokens;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManagerResolver;
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

/**
 * The rules every service applies to bearer tokens, in one place: a valid token has a trusted
 * signature, an {@code exp}, a {@code sub} and an {@code iss} among {@link TrustedIssuers}, with a
 * {@code sub} that fits the issuer ({@link ActorValidator}); each issuer's tokens are verified with
 * its own keys ({@link IssuerAuthentication}); the caller's actor type comes from the issuer, never
 * from a claim.
 *
 * <p>{@link BearerTokenConfiguration} makes it a bean; a service with a filter chain of its own
 * (the token service's actuator) gets it with {@link #from(Environment)}.
 */
public final class BearerTokens {

  private final TrustedIssuers issuers;

  BearerTokens(TrustedIssuers issuers) {
    this.issuers = issuers;
  }

  /**
   * The rules with {@code service-accounts.security.issuers.*} bound from {@code environment} as
   * the auto-configuration binds them.
   */
  public static BearerTokens from(Environment environment) {
    return new BearerTokens(
        Binder.get(environment).bindOrCreate(TrustedIssuers.PROPERTIES, TrustedIssuers.class));
  }

  /**
   * Verifies each bearer token as its issuer requires: the issuers of {@code
   * service-accounts.security.issuers.users} and {@code .service-accounts} with {@code trustedKey}
   * (a decoder that applies {@link #validator()}'s checks), each company identity provider of
   * {@code .identity-providers} with its own keys and claim mapping; a token of any other issuer is
   * refused. The accepted token's authorities are {@code authorities}.
   */
  public AuthenticationManagerResolver<HttpServletRequest> resolver(
      JwtDecoder trustedKey, JwtAuthenticationConverter authorities) {
    return IssuerAuthentication.resolver(
        issuers,
        trustedKey,
        authorities,
        List.of(accessTokenTypes(), expiryRequired(), subjectRequired()));
  }

  /** Every check a token passes besides its signature (for a decoder built by hand). */
  public OAuth2TokenValidator<Jwt> validator() {
    return new DelegatingOAuth2TokenValidator<>(
        List.of(
            accessTokenTypes(),
            expiryRequired(),
            subjectRequired(),
            trustedIssuer(),
            actorValidator()));
  }

  /**
   * The caller's authorities, derived from the token's issuer and {@code sub}, not from any claim
   * the token's holder could choose: its actor type, which {@link AuthenticatedCallers} reads, and
   * those {@code granted} gives.
   */
  public JwtAuthenticationConverter authorities(
      Function<Jwt, Collection<? extends GrantedAuthority>> granted) {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> {
          List<GrantedAuthority> authorities = new ArrayList<>(2);
          authorities.add(
              new SimpleGrantedAuthority(
                  AuthenticatedCallers.ACTOR_TYPE_AUTHORITY_PREFIX
                      + (issuers.issuesServiceAccountTokens(jwt.getClaimAsString(JwtClaimNames.ISS))
                          ? AuthenticatedCallers.SERVICE_ACCOUNT
                          : AuthenticatedCallers.USER)));
          authorities.addAll(granted.apply(jwt));
          return authorities;
        });
    return converter;
  }

  /**
   * Whether {@code token} is a person's from one of {@link TrustedIssuers#users}, verified with the
   * service's configured key (a company identity provider's is not).
   */
  public boolean isUsersToken(Jwt token) {
    String issuer = token.getClaimAsString(JwtClaimNames.ISS);
    return issuer != null && issuers.users().contains(issuer);
  }

  /** How far the clocks of a token's issuer and this service may differ. */
  static final long CLOCK_SKEW_SECONDS = 5;

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
   * then be valid forever. A token acts until its {@code exp} and {@value #CLOCK_SKEW_SECONDS} s
   * more, for clocks that differ (Spring Security's default: a minute more, a fifth of the token
   * service's five-minute tokens).
   */
  static OAuth2TokenValidator<Jwt> expiryRequired() {
    JwtTimestampValidator timestamps =
        new JwtTimestampValidator(Duration.ofSeconds(CLOCK_SKEW_SECONDS));
    timestamps.setAllowEmptyExpiryClaim(false);
    return timestamps;
  }

  /** {@code sub} is required: it is the actor recorded in every event the request causes. */
  static OAuth2TokenValidator<Jwt> subjectRequired() {
    return new JwtClaimValidator<Object>(
        JwtClaimNames.SUB, subject -> subject instanceof String text && !text.isBlank());
  }

  /** {@code iss} must be one of {@link TrustedIssuers}. */
  OAuth2TokenValidator<Jwt> trustedIssuer() {
    Set<String> trusted = issuers.all();
    return new JwtClaimValidator<Object>(
        JwtClaimNames.ISS, issuer -> issuer != null && trusted.contains(issuer.toString()));
  }

  /** {@code sub} must fit the kind of caller the issuer issues tokens for. */
  OAuth2TokenValidator<Jwt> actorValidator() {
    return new ActorValidator(issuers);
  }
}
