package com.serviceaccounts.token.authorization;

import com.serviceaccounts.security.access.OperatorAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Actuator, guarded as the other services guard it, by service-security's {@link OperatorAccess}:
 * health, info and prometheus open; every other endpoint ({@code /actuator/parked}) needs a
 * person's bearer token, verified like the other services verify it (their {@code
 * spring.security.oauth2.resourceserver.jwt.*} key and {@code service-accounts.security.*} issuers,
 * company identity providers included), whose {@code sub} is one of {@code
 * service-accounts.security.operators}. A service account, this service's own clients included, is
 * never an operator. A missing or invalid token is a 401, a valid one of anybody else a 403, both
 * problem+json.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

  @Bean
  @Order(2)
  SecurityFilterChain operatorFilterChain(
      HttpSecurity http,
      ResourceLoader resources,
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
      @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}")
          String publicKeyLocation,
      Environment environment)
      throws Exception {
    OperatorAccess access = OperatorAccess.from(environment);
    return http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(requests -> access.actuator(requests).anyRequest().denyAll())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .oauth2ResourceServer(
            server ->
                access.refusals(
                    server.authenticationManagerResolver(
                        access.issuers(
                            peoplesTokens(
                                resources,
                                jwkSetUri,
                                publicKeyLocation,
                                access.tokenValidator())))))
        .build();
  }

  /**
   * Verifies tokens with the other services' key (the authorization server's own decoder knows only
   * this service's key); without a key configured, refuses every token.
   */
  private static JwtDecoder peoplesTokens(
      ResourceLoader resources,
      String jwkSetUri,
      String publicKeyLocation,
      OAuth2TokenValidator<Jwt> validator) {
    NimbusJwtDecoder decoder;
    if (StringUtils.hasText(jwkSetUri)) {
      decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    } else if (StringUtils.hasText(publicKeyLocation)) {
      decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources, publicKeyLocation)).build();
    } else {
      return token -> {
        throw new JwtException("no key to verify operators' tokens is configured");
      };
    }
    decoder.setJwtValidator(validator);
    return decoder;
  }

  private static RSAPublicKey publicKey(ResourceLoader resources, String location) {
    try (InputStream pem = resources.getResource(location).getInputStream()) {
      return RsaKeyConverters.x509().convert(pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operators' token key " + location, e);
    }
  }
}
