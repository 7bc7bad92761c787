package com.serviceaccounts.security.tokens;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Where the token service publishes the keys its service-account tokens are signed with, and the
 * one algorithm they are signed with. When {@code jwkSetUri} is not set, service accounts' tokens
 * are verified as people's, with the service's configured key ({@code
 * spring.security.oauth2.resourceserver.jwt.*}).
 *
 * @param jwkSetUri the token service's JWKS, e.g. {@code http://token-service:8082/oauth2/jwks};
 *     fetched on first use, kept, and fetched again for a {@code kid} it does not hold (a new key)
 * @param signatureAlgorithm the token service's {@code service-accounts.token.signature-algorithm}
 *     ({@code ES256} by default): a token with any other {@code alg} is refused, whatever key it
 *     names
 */
record ServiceAccountKeys(
    URI jwkSetUri, @DefaultValue("ES256") SignatureAlgorithm signatureAlgorithm) {

  static final String PROPERTIES = "service-accounts.security.issuers.service-account-keys";
}
