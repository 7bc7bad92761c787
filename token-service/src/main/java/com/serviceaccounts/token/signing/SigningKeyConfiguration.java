package com.serviceaccounts.token.signing;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys, and the {@link JWKSource} the authorization server signs with and publishes at {@code
 * /oauth2/jwks}.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

  @Bean
  AccessTokenKeys signingKeys(SigningKeyProperties properties) {
    String provider =
        SigningProvider.install(properties.nativeSignatures(), properties.signatureAlgorithm());
    AccessTokenKeys keys =
        AccessTokenKeys.read(
            properties.keyDirectory(),
            properties.signatureAlgorithm(),
            properties.previousPublicKeys());
    log.info(
        "signing with {} key {} from {} by {}; JWKS publishes {} key(s)",
        keys.algorithm(),
        keys.activeKeyId(),
        properties.keyDirectory().toAbsolutePath().normalize(),
        provider,
        keys.jwkSet().size());
    return keys;
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(AccessTokenKeys keys) {
    return new ImmutableJWKSet<>(keys.jwkSet());
  }
}
