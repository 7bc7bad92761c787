package com.serviceaccounts.security.tokens;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * Picks how to verify a bearer token by its {@code iss} (Spring Security's {@link
 * JwtIssuerAuthenticationManagerResolver}): the issuers of {@link TrustedIssuers#users} with the
 * service's configured key; those of {@link TrustedIssuers#serviceAccounts} with the token
 * service's published keys and only its algorithm ({@link ServiceAccountKeys}), or, when those are
 * not configured, with the service's configured key; each company {@link IdentityProvider} with its
 * own keys and claim mapping. A token of any other issuer is refused (401) before any key is looked
 * at. A token that passed is not checked again for a while ({@link VerifiedBearerTokens}).
 */
final class IssuerAuthentication {

  private IssuerAuthentication() {}

  static AuthenticationManagerResolver<HttpServletRequest> resolver(
      TrustedIssuers issuers,
      JwtDecoder trustedKey,
      JwtAuthenticationConverter authorities,
      List<OAuth2TokenValidator<Jwt>> checks) {
    Map<String, AuthenticationManager> managers = new HashMap<>();
    AuthenticationManager withTrustedKey = manager(trustedKey, authorities);
    issuers.all().forEach(issuer -> managers.put(issuer, withTrustedKey));
    if (issuers.serviceAccountKeys().jwkSetUri() != null) {
      AuthenticationManager withPublishedKeys =
          manager(serviceAccountDecoder(issuers, checks), authorities);
      issuers.serviceAccounts().forEach(issuer -> managers.put(issuer, withPublishedKeys));
    }
    issuers
        .identityProviders()
        .values()
        .forEach(
            provider ->
                managers.put(
                    provider.issuerUri(),
                    manager(decoder(provider, issuers, checks), authorities)));
    return new VerifiedBearerTokens(new JwtIssuerAuthenticationManagerResolver(managers::get));
  }

  private static AuthenticationManager manager(
      JwtDecoder decoder, JwtAuthenticationConverter authorities) {
    JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
    provider.setJwtAuthenticationConverter(authorities);
    return new ProviderManager(provider);
  }

  /**
   * The token service's published keys, looked up on first use (the token service may start after
   * this one; Spring's fetch has Nimbus's short timeouts) and again for a {@code kid} not seen yet.
   * Only the configured algorithm is accepted, and only with a published key of its type: neither
   * {@code none}, an HMAC keyed with a public key, nor another algorithm with a published key of
   * another type passes.
   */
  private static JwtDecoder serviceAccountDecoder(
      TrustedIssuers issuers, List<OAuth2TokenValidator<Jwt>> checks) {
    ServiceAccountKeys keys = issuers.serviceAccountKeys();
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(keys.jwkSetUri().toString())
            .jwsAlgorithm(keys.signatureAlgorithm())
            .build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(checks);
    validators.add(
        new JwtClaimValidator<Object>(
            JwtClaimNames.ISS,
            issuer -> issuer != null && issuers.serviceAccounts().contains(issuer.toString())));
    validators.add(new ActorValidator(issuers));
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  /**
   * The provider's keys, looked up on first use (a provider that is down does not stop the service
   * from starting), its claims mapped before the same checks as every token's.
   */
  private static JwtDecoder decoder(
      IdentityProvider provider, TrustedIssuers issuers, List<OAuth2TokenValidator<Jwt>> checks) {
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder =
              (provider.jwkSetUri() == null
                      ? NimbusJwtDecoder.withIssuerLocation(provider.issuerUri())
                      : NimbusJwtDecoder.withJwkSetUri(provider.jwkSetUri().toString()))
                  .build();
          decoder.setClaimSetConverter(mapping(provider));
          List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
          // First, so that the refusal names the claim (the actor claim becomes sub).
          validators.add(token -> providersAccessToken(provider, token));
          validators.addAll(checks);
          validators.add(new JwtIssuerValidator(provider.issuerUri()));
          if (!provider.audiences().isEmpty()) {
            validators.add(
                new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD,
                    audiences ->
                        audiences != null
                            && audiences.stream().anyMatch(provider.audiences()::contains)));
          }
          validators.add(new ActorValidator(issuers));
          decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
          return decoder;
        });
  }

  /**
   * Refuses an ID token ({@link IdentityProvider#idTokenMark}) and a token whose actor claim names
   * nobody who may act ({@link IdentityProvider#actorDefect}), naming why.
   */
  private static OAuth2TokenValidatorResult providersAccessToken(
      IdentityProvider provider, Jwt token) {
    String idToken = IdentityProvider.idTokenMark(token.getClaims());
    // An actor claim sub is mapped in place (user:<sub>), or removed when it names nobody: the
    // check of sub names it then.
    String defect =
        idToken != null
            ? "an ID token is not an access token (" + idToken + "): send the access token"
            : provider.actorClaim().equals(JwtClaimNames.SUB)
                ? null
                : provider.actorDefect(token.getClaims());
    return defect == null
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, defect, null));
  }

  /**
   * The claim mapping: {@code sub} becomes the actor ({@code user:<actor claim>}), {@code
   * companies} what the provider's grants give; whatever the token said in those claims is dropped.
   */
  private static Converter<Map<String, Object>, Map<String, Object>> mapping(
      IdentityProvider provider) {
    MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());
    return claims -> {
      Map<String, Object> mapped = new HashMap<>(defaults.convert(claims));
      mapped.remove(JwtClaimNames.SUB);
      provider.actor(claims).ifPresent(actor -> mapped.put(JwtClaimNames.SUB, actor));
      Map<String, Object> companies = new HashMap<>();
      provider
          .companies(claims)
          .forEach(
              (company, levels) -> {
                Map<String, String> byTool = new HashMap<>();
                levels.forEach((tool, level) -> byTool.put(tool, level.name()));
                companies.put(company.toString(), byTool);
              });
      mapped.put(CompaniesClaim.NAME, companies);
      return mapped;
    };
  }
}
