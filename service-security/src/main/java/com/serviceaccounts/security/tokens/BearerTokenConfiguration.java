package com.serviceaccounts.security.tokens;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The {@link BearerTokens} of a resource server, with {@code service-accounts.security.issuers.*}
 * bound, and its checks as the validators of Spring Boot's decoder (the one with the service's
 * configured key, {@code spring.security.oauth2.resourceserver.jwt.*}). Imported by the resource
 * server's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustedIssuers.class)
public class BearerTokenConfiguration {

  @Bean
  BearerTokens bearerTokens(TrustedIssuers issuers) {
    return new BearerTokens(issuers);
  }

  // The validators are beans one by one, so that Boot adds them to the decoder in place of Spring
  // Security's default type and timestamp validators (BearerTokens#validator has them all).

  @Bean
  OAuth2TokenValidator<Jwt> accessTokenTypeValidator() {
    return BearerTokens.accessTokenTypes();
  }

  @Bean
  OAuth2TokenValidator<Jwt> expiryRequiredValidator() {
    return BearerTokens.expiryRequired();
  }

  @Bean
  OAuth2TokenValidator<Jwt> subjectRequiredValidator() {
    return BearerTokens.subjectRequired();
  }

  @Bean
  OAuth2TokenValidator<Jwt> trustedIssuerValidator(BearerTokens tokens) {
    return tokens.trustedIssuer();
  }

  @Bean
  OAuth2TokenValidator<Jwt> actorValidator(BearerTokens tokens) {
    return tokens.actorValidator();
  }
}
