package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.testsupport.TestAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RFC 8414 metadata and the JWKS: what a client or resource server discovers. */
class DiscoveryIT extends TokenServiceIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theMetadataNamesTheEndpointsAndOnlyTheClientCredentialsGrant() {
    String issuer = "http://localhost:" + port;

    JsonNode metadata = api.get("/.well-known/oauth-authorization-server").json();

    // Only what is served (no device flow, PAR, PKCE, DPoP or mTLS), and what Spring requires.
    assertThat(metadata.propertyNames())
        .containsExactlyInAnyOrder(
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "token_endpoint_auth_methods_supported",
            "jwks_uri",
            "grant_types_supported",
            "response_types_supported",
            "revocation_endpoint",
            "revocation_endpoint_auth_methods_supported",
            "introspection_endpoint",
            "introspection_endpoint_auth_methods_supported");
    for (String methods :
        List.of(
            "token_endpoint_auth_methods_supported",
            "revocation_endpoint_auth_methods_supported",
            "introspection_endpoint_auth_methods_supported")) {
      assertThat(metadata.get(methods).valueStream().map(JsonNode::asText))
          .as(methods)
          .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
    }

    assertThat(metadata.get("issuer").asText()).isEqualTo(issuer);
    assertThat(metadata.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
    assertThat(metadata.get("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
    assertThat(metadata.get("introspection_endpoint").asText())
        .isEqualTo(issuer + "/oauth2/introspect");
    assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(issuer + "/oauth2/revoke");
    assertThat(metadata.get("grant_types_supported").valueStream().map(JsonNode::asText))
        .containsExactly("client_credentials");
  }

  @Test
  void theEndpointsOfFlowsNoClientUsesAreClosedWhateverTheClientId() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    for (String clientId : List.of(account.clientId, "nobody")) {
      for (String path :
          List.of(
              "/oauth2/authorize?response_type=code&client_id=" + clientId,
              "/oauth2/authorize?response_type=code&scope=openid&state=s&client_id=" + clientId,
              "/oauth2/par?client_id=" + clientId,
              "/oauth2/device_authorization?client_id=" + clientId,
              "/oauth2/device_verification?user_code=ABCD-EFGH")) {
        TokenApi.Response get = api.get(path);
        TokenApi.Response post =
            api.post(path, TokenApi.basic(account.clientId, account.secret()), Map.of());

        for (TokenApi.Response answer : List.of(get, post)) {
          assertThat(answer.status()).as(path).isEqualTo(403);
          assertThat(answer.header("Content-Type")).as(path).isEqualTo("application/problem+json");
        }
      }
    }
  }

  @Test
  void theJwksPublishesTheSignerAndTheEarlierKeyWithoutPrivateParts() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    SignedJWT token = SignedJWT.parse(activeAccount(account));

    String body = api.get("/oauth2/jwks").body();
    List<JWK> keys = JWKSet.parse(body).getKeys();

    assertThat(keys).hasSize(2).noneMatch(JWK::isPrivate);
    assertThat(body).doesNotContain("\"d\"").doesNotContain("\"p\"");
    // The signer: P-256 for ES256, the default; the earlier signer here an RSA key (RS256).
    ECKey signer = (ECKey) keys.get(0);
    assertThat(signer.getCurve()).isEqualTo(Curve.P_256);
    assertThat(signer.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(signer.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    assertThat(signer.getKeyID()).isEqualTo(token.getHeader().getKeyID());
    assertThat(signer.getKeyID()).isEqualTo(signer.computeThumbprint().toString());
    assertThat(signer.toECPublicKey()).isEqualTo(TokenIssuanceIT.signingKey());
    assertThat(token.verify(new ECDSAVerifier(signer))).isTrue();
    RSAKey earlier = (RSAKey) keys.get(1);
    assertThat(earlier.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(earlier.getKeyID()).isNotEqualTo(signer.getKeyID());
  }

  @Test
  void theEndpointsAnswerEveryMethodTheyDoNotTakeWithTheOnesTheyTake() throws Exception {
    for (String path : List.of("/oauth2/jwks", "/.well-known/oauth-authorization-server")) {
      TokenApi.Response get = api.get(path);
      TokenApi.Response head = api.send("HEAD", path);
      assertThat(head.status()).as(path).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(get.raw().headers().firstValue("Content-Type"))
          .hasValue("application/json;charset=UTF-8");
      assertThat(head.raw().headers().firstValue("Content-Type"))
          .isEqualTo(get.raw().headers().firstValue("Content-Type"));
      assertThat(head.raw().headers().firstValueAsLong("Content-Length"))
          .hasValue(get.raw().headers().firstValueAsLong("Content-Length").orElseThrow());
      assertMethodNotAllowed(api.send("DELETE", path), "GET, HEAD, OPTIONS");
    }
    for (String path : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
      for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH")) {
        assertMethodNotAllowed(api.send(method, path), "POST, OPTIONS");
      }
      TokenApi.Response options = api.send("OPTIONS", path);
      assertThat(options.status()).isEqualTo(204);
      assertThat(options.raw().headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    }
    // The paths this service does not serve stay closed, whatever the method.
    assertThat(api.send("OPTIONS", "/oauth2/other").status()).isIn(401, 403);
  }

  private static void assertMethodNotAllowed(TokenApi.Response refused, String allow) {
    assertThat(refused.status()).isEqualTo(405);
    assertThat(refused.raw().headers().firstValue("Allow")).hasValue(allow);
    if (!refused.raw().request().method().equals("HEAD")) {
      JsonNode problem = JSON.readTree(refused.body());
      assertThat(problem.get("type").asString())
          .isEqualTo("urn:service-accounts:problem:method-not-allowed");
      // The OAuth endpoints' clients read RFC 6749's error member.
      if (refused.raw().uri().getPath().startsWith("/oauth2/")) {
        assertThat(problem.get("error").asString()).isEqualTo("invalid_request");
      }
    }
  }

  @Test
  void healthIsOpenAndEverythingElseClosed() {
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    assertThat(api.get("/anything").status()).isIn(401, 403);
  }
}
