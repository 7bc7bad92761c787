package com.serviceaccounts.security.tokens;

import static com.serviceaccounts.security.tokens.ResourceServerCalls.PEOPLE;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.TOKENS;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Service accounts' tokens are verified with the keys the token service publishes at its JWKS and
 * with its one algorithm (ES256 here, the default), people's with the service's configured key: a
 * token is refused (401 problem) when it is signed with another algorithm, even by a key the JWKS
 * publishes, with a key the JWKS does not publish, with the people's key, or not at all.
 */
@ResourceServerCalls.TrustingPeopleAndTokens
class ServiceAccountTokenKeysTest {

  /** The token service's signer, published at its JWKS. */
  private static final ECKey SIGNER = ecKey();

  /** An earlier RSA signer the JWKS still publishes, with {@code alg: RS256}. */
  private static final RSAKey EARLIER = rsaKey();

  /** The key people's tokens are verified with. */
  private static final RSAKey PEOPLES_KEY = rsaKey();

  private static final HttpServer JWKS =
      TestKeys.jwkSets(
          Map.of(
              "/oauth2/jwks",
              new JWKSet(java.util.List.of(SIGNER.toPublicJWK(), EARLIER.toPublicJWK()))));

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    TestKeys.trustKey(registry, ServiceAccountTokenKeysTest::peoplesPublicKey);
    registry.add(
        "service-accounts.security.issuers.service-account-keys.jwk-set-uri",
        () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/oauth2/jwks");
  }

  @AfterAll
  static void stopJwks() {
    JWKS.stop(0);
  }

  @LocalServerPort int port;

  @Test
  void anEs256TokenSignedWithThePublishedKeyIsAServiceAccount() throws Exception {
    HttpResponse<String> response =
        call(sign(new ECDSASigner(SIGNER), JWSAlgorithm.ES256, SIGNER.getKeyID(), account()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("actor").asString()).isEqualTo("service-account:sa_1");
    assertThat(json(response).get("actorType").asString()).isEqualTo("service_account");
  }

  @Test
  void peoplesTokensAreStillVerifiedWithTheConfiguredKey() throws Exception {
    HttpResponse<String> response =
        call(
            sign(
                new RSASSASigner(PEOPLES_KEY),
                JWSAlgorithm.RS256,
                null,
                claims(PEOPLE, "user:alice@acme.example").build()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("actorType").asString()).isEqualTo("user");
  }

  @Test
  void anotherAlgorithmIsRefusedEvenWithAKeyTheJwksPublishes() throws Exception {
    assertRefused(
        sign(new RSASSASigner(EARLIER), JWSAlgorithm.RS256, EARLIER.getKeyID(), account()));
  }

  @Test
  void aKeyTheJwksDoesNotPublishIsRefused() throws Exception {
    ECKey stranger = ecKey();
    assertRefused(sign(new ECDSASigner(stranger), JWSAlgorithm.ES256, null, account()));
    // Not even when it claims the published key's kid.
    assertRefused(
        sign(new ECDSASigner(stranger), JWSAlgorithm.ES256, SIGNER.getKeyID(), account()));
  }

  @Test
  void thePeoplesKeyDoesNotSignServiceAccountsTokens() throws Exception {
    assertRefused(sign(new RSASSASigner(PEOPLES_KEY), JWSAlgorithm.RS256, null, account()));
  }

  @Test
  void theTokenServicesKeyDoesNotSignPeoplesTokens() throws Exception {
    assertRefused(
        sign(
            new ECDSASigner(SIGNER),
            JWSAlgorithm.ES256,
            SIGNER.getKeyID(),
            claims(PEOPLE, "user:alice@acme.example").build()));
  }

  @Test
  void anUnsignedTokenOrAnHmacMadeWithThePublicKeyIsRefused() throws Exception {
    assertRefused(new PlainJWT(account()).serialize());
    // HS256 keyed with the published key's bytes: the classic confusion of algorithms.
    byte[] publicBytes = SIGNER.toECPublicKey().getEncoded();
    assertRefused(
        sign(
            new MACSigner(java.util.Arrays.copyOf(publicBytes, 64)),
            JWSAlgorithm.HS256,
            SIGNER.getKeyID(),
            account()));
  }

  private void assertRefused(String token) {
    ResourceServerCalls.assertUnauthenticated(call(token));
  }

  static JWTClaimsSet account() {
    return claims(TOKENS, "service-account:sa_1").claim("client_id", "sa_1").build();
  }

  private static JWTClaimsSet.Builder claims(String issuer, String subject) {
    return ResourceServerCalls.claims(issuer, subject).claim("companies", Map.of());
  }

  static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(algorithm)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(keyId)
                .build(),
            claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private HttpResponse<String> call(String token) {
    return ResourceServerCalls.call(port, "/caller", token);
  }

  private static ECKey ecKey() {
    return signingKey(new ECKeyGenerator(Curve.P_256), JWSAlgorithm.ES256);
  }

  private static RSAKey rsaKey() {
    return signingKey(new RSAKeyGenerator(2048), JWSAlgorithm.RS256);
  }

  private static <K extends JWK> K signingKey(JWKGenerator<K> generator, JWSAlgorithm algorithm) {
    try {
      return generator
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(algorithm)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.security.PublicKey peoplesPublicKey() {
    try {
      return PEOPLES_KEY.toPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
