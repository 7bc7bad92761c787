package com.serviceaccounts.security.tokens;

import static com.serviceaccounts.security.tokens.ResourceServerCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When the token service's keys cannot be fetched, a service account's token cannot be checked: the
 * answer is a 503 problem with {@code Retry-After}, not a 401 (the token may be good) and not a
 * 500; people's tokens, checked with the configured key, still pass.
 */
@ResourceServerCalls.TrustingPeopleAndTokens
class UnreachableTokenKeysTest {

  private static final KeyPair PEOPLES_KEY = TestKeys.rsaKeyPair();

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    TestKeys.trustKey(registry, PEOPLES_KEY::getPublic);
    int closed = closedPort();
    registry.add(
        "service-accounts.security.issuers.service-account-keys.jwk-set-uri",
        () -> "http://127.0.0.1:" + closed + "/oauth2/jwks");
  }

  @LocalServerPort int port;

  @Test
  void aServiceAccountsTokenIsA503WhileTheKeysCannotBeFetched() throws Exception {
    ECKey signer = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
    String token =
        ServiceAccountTokenKeysTest.sign(
            new ECDSASigner(signer),
            JWSAlgorithm.ES256,
            signer.getKeyID(),
            ServiceAccountTokenKeysTest.account());

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response = ResourceServerCalls.call(port, "/caller", token);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(json(response).get("code").asString()).isEqualTo("unavailable");
    }
  }

  @Test
  void aPersonsTokenStillPassesAndAMissingTokenIsStillA401() throws Exception {
    SignedJWT person =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
            ResourceServerCalls.claims(ResourceServerCalls.PEOPLE, "user:alice@acme.example")
                .claim("companies", Map.of())
                .build());
    person.sign(new RSASSASigner(PEOPLES_KEY.getPrivate()));

    assertThat(ResourceServerCalls.call(port, "/caller", person.serialize()).statusCode())
        .isEqualTo(200);
    ResourceServerCalls.assertUnauthenticated(ResourceServerCalls.call(port, "/caller", null));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
