package com.serviceaccounts.security.tokens;

import static com.serviceaccounts.security.tokens.ResourceServerCalls.claims;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A resource server trusts, besides the issuers verified with its own key, any number of company
 * identity providers, each with its own keys and claim mapping: the provider's groups, never its
 * token's own {@code companies} claim, decide the person's levels, and the configured claim names
 * the actor. A token of an issuer nobody configured is a 401 problem.
 */
@SpringBootTest(
    classes = ResourceServerCalls.Api.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.security.issuers.users=" + CompanyIdentityProvidersTest.DEV,
      "service-accounts.security.issuers.service-accounts=https://tokens.example",
      "service-accounts.security.operators=user:ops@acme.example",
      // Keycloak-like: the person's email and realm roles.
      "service-accounts.security.issuers.identity-providers.acme.issuer-uri="
          + CompanyIdentityProvidersTest.ACME,
      "service-accounts.security.issuers.identity-providers.acme.actor-claim=email",
      "service-accounts.security.issuers.identity-providers.acme.groups-claim=realm_access.roles",
      "service-accounts.security.issuers.identity-providers.acme.grants[0].group=sa-admins",
      "service-accounts.security.issuers.identity-providers.acme.grants[0].company="
          + CompanyIdentityProvidersTest.ACME_COMPANY,
      "service-accounts.security.issuers.identity-providers.acme.grants[0].tools.admin=ADMIN",
      "service-accounts.security.issuers.identity-providers.acme.grants[0].tools.directory=ADMIN",
      "service-accounts.security.issuers.identity-providers.acme.grants[1].group=sa-readers",
      "service-accounts.security.issuers.identity-providers.acme.grants[1].company="
          + CompanyIdentityProvidersTest.ACME_COMPANY,
      "service-accounts.security.issuers.identity-providers.acme.grants[1].tools.admin=READ_ONLY",
      "service-accounts.security.issuers.identity-providers.acme.grants[1].tools.reports=ADMIN",
      // Entra-like: app roles in "roles", an audience required.
      "service-accounts.security.issuers.identity-providers.globex.issuer-uri="
          + CompanyIdentityProvidersTest.GLOBEX,
      "service-accounts.security.issuers.identity-providers.globex.actor-claim=preferred_username",
      "service-accounts.security.issuers.identity-providers.globex.groups-claim=roles",
      "service-accounts.security.issuers.identity-providers.globex.audiences=api://service-accounts",
      "service-accounts.security.issuers.identity-providers.globex.grants[0].group=Accounts.Admin",
      "service-accounts.security.issuers.identity-providers.globex.grants[0].company="
          + CompanyIdentityProvidersTest.GLOBEX_COMPANY,
      "service-accounts.security.issuers.identity-providers.globex.grants[0].tools.admin=ADMIN"
    })
class CompanyIdentityProvidersTest {

  static final String DEV = "service-accounts-dev";
  static final String ACME = "https://login.acme.example/realms/acme";
  static final String GLOBEX = "https://login.globex.example/tenant/v2.0";
  static final String ACME_COMPANY = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";
  static final String GLOBEX_COMPANY = "7f1c2b8e-3d4a-4e5f-8a9b-0c1d2e3f4a5b";

  private static final KeyPair DEV_KEY = TestKeys.rsaKeyPair();
  private static final KeyPair ACME_KEY = TestKeys.rsaKeyPair();
  private static final KeyPair GLOBEX_KEY = TestKeys.rsaKeyPair();
  private static final HttpServer KEYS =
      TestKeys.jwkSets(Map.of("/acme", jwkSet(ACME_KEY), "/globex", jwkSet(GLOBEX_KEY)));

  @DynamicPropertySource
  static void keyLocations(DynamicPropertyRegistry registry) {
    TestKeys.trustKey(registry, DEV_KEY::getPublic);
    registry.add(
        "service-accounts.security.issuers.identity-providers.acme.jwk-set-uri",
        () -> keysUri("/acme"));
    registry.add(
        "service-accounts.security.issuers.identity-providers.globex.jwk-set-uri",
        () -> keysUri("/globex"));
  }

  @AfterAll
  static void stopKeys() {
    KEYS.stop(0);
  }

  @LocalServerPort int port;

  @Test
  void aCompanyProvidersPersonActsAsTheConfiguredClaimWithTheLevelsTheirGroupsGrant() {
    JsonNode caller =
        ok(
            ACME_KEY,
            acme().claim("realm_access", Map.of("roles", List.of("sa-readers", "sa-admins"))));
    assertThat(caller.get("actor").asString()).isEqualTo("user:alice@acme.example");
    assertThat(caller.get("actorType").asString()).isEqualTo("user");
    // Two groups grant the company: the higher level wins, every tool granted is kept.
    assertThat(caller.get("companies").get(ACME_COMPANY).get("admin").asString())
        .isEqualTo("ADMIN");
    assertThat(caller.get("companies").get(ACME_COMPANY).get("directory").asString())
        .isEqualTo("ADMIN");
    assertThat(caller.get("companies").get(ACME_COMPANY).get("reports").asString())
        .isEqualTo("ADMIN");
    assertThat(caller.get("companies").size()).isEqualTo(1);
  }

  @Test
  void aSecondProviderIsVerifiedWithItsOwnKeysAndMapping() {
    JsonNode caller =
        ok(GLOBEX_KEY, globex().claim("roles", List.of("Accounts.Admin", "Something.Else")));
    assertThat(caller.get("actor").asString()).isEqualTo("user:bob@globex.example");
    assertThat(caller.get("companies").get(GLOBEX_COMPANY).get("admin").asString())
        .isEqualTo("ADMIN");
    assertThat(caller.get("companies").size()).isEqualTo(1);
    // Signed with the other provider's key, or with the service's own key: refused.
    assertRefused(
        ACME_KEY, globex().claim("roles", List.of("Accounts.Admin")), "Signed JWT rejected");
    assertRefused(
        DEV_KEY, globex().claim("roles", List.of("Accounts.Admin")), "Signed JWT rejected");
  }

  @Test
  void theIssuersOfTheServicesOwnKeyStillWork() {
    JsonNode caller =
        ok(
            DEV_KEY,
            claims(DEV, "user:carol@acme.example")
                .claim("companies", Map.of(ACME_COMPANY, Map.of("admin", "READ_ONLY"))));
    assertThat(caller.get("actor").asString()).isEqualTo("user:carol@acme.example");
    assertThat(caller.get("companies").get(ACME_COMPANY).get("admin").asString())
        .isEqualTo("READ_ONLY");
  }

  @Test
  void aProvidersTokenGrantsNothingByItsOwnCompaniesClaim() {
    JsonNode caller =
        ok(
            ACME_KEY,
            acme()
                .claim("realm_access", Map.of("roles", List.of("sa-nobody")))
                .claim("companies", Map.of(GLOBEX_COMPANY, Map.of("admin", "ADMIN"))));
    assertThat(caller.get("actor").asString()).isEqualTo("user:alice@acme.example");
    assertThat(caller.get("companies").size()).isZero();
  }

  @Test
  void aTokenOfAnUnknownIssuerIsRefused() {
    KeyPair anyKey = TestKeys.rsaKeyPair();
    assertRefused(
        anyKey,
        claims("https://login.evil.example", "alice")
            .claim("email", "alice@acme.example")
            .claim("realm_access", Map.of("roles", List.of("sa-admins"))),
        "issuer");
    // Its own key, a trusted issuer's name: still refused.
    assertRefused(
        anyKey,
        acme().claim("realm_access", Map.of("roles", List.of("sa-admins"))),
        "Signed JWT rejected");
  }

  @Test
  void aProvidersTokenNeedsTheActorClaimTheRequiredAudienceAndAnExpiry() {
    assertRefused(
        ACME_KEY,
        new JWTClaimsSet.Builder(acme().build()).claim("email", null),
        "the email claim, who acts, is missing");
    assertRefused(GLOBEX_KEY, globex().audience("api://something-else"), "aud");
    assertRefused(ACME_KEY, acme().expirationTime(null), "exp is required");
  }

  @Test
  void aProvidersIdTokenIsNoAccessToken() {
    assertRefused(
        ACME_KEY,
        acme().claim("realm_access", Map.of("roles", List.of("sa-admins"))).claim("nonce", "n-0S6"),
        "an ID token is not an access token (it has the claim nonce)");
    assertRefused(ACME_KEY, acme().claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ"), "at_hash");
    assertRefused(ACME_KEY, acme().claim("typ", "ID"), "its typ is ID");
    // Keycloak's access token says typ Bearer.
    assertRefused(ACME_KEY, acme().claim("typ", "Bearer"), null);
  }

  @Test
  void aProvidersActorClaimWithSpacesAroundItOrThatReadsAsAServiceAccountIsRefusedByName() {
    for (String email :
        List.of(
            " alice@acme.example",
            "\u00a0alice@acme.example",
            "\u3000alice@acme.example",
            "alice@acme.example ",
            "service-account:sa_evil",
            "service\u2010account:sa_evil",
            "System:purge",
            "system",
            "alice\u200b@acme.example")) {
      assertRefused(ACME_KEY, acme().claim("email", email), "the email claim, who acts,");
    }
    for (Object notText : List.of(5, List.of("alice@acme.example"), Map.of("a", "b"), true)) {
      assertRefused(
          ACME_KEY, acme().claim("email", notText), "the email claim, who acts, is missing");
    }
  }

  @Test
  void aProvidersPersonIsNeverAnOperatorNorAServiceAccount() {
    String operator =
        token(ACME_KEY, claims(ACME, "ops").claim("email", "ops@acme.example").build());
    assertThat(call("/actuator/parked", operator).statusCode()).isEqualTo(403);
    assertRefused(
        ACME_KEY,
        claims(ACME, "x").claim("email", "x").claim("client_id", "sa_1"),
        null); // accepted as a person: sub is user:x
    assertRefused(ACME_KEY, acme().claim("email", "system"), "is reserved");
  }

  private JsonNode ok(KeyPair key, JWTClaimsSet.Builder claims) {
    HttpResponse<String> response = call("/caller", token(key, claims.build()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  /** Refused with a 401 problem whose detail names {@code reason}; accepted if it is null. */
  private void assertRefused(KeyPair key, JWTClaimsSet.Builder claims, String reason) {
    HttpResponse<String> response = call("/caller", token(key, claims.build()));
    if (reason == null) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).get("actorType").asString()).isEqualTo("user");
      return;
    }
    ResourceServerCalls.assertUnauthenticated(response);
    assertThat(json(response).get("detail").asString()).contains(reason);
  }

  private static JWTClaimsSet.Builder acme() {
    return claims(ACME, "f3b2c1d0-keycloak-user-id").claim("email", "alice@acme.example");
  }

  private static JWTClaimsSet.Builder globex() {
    return claims(GLOBEX, "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
        .audience("api://service-accounts")
        .claim("preferred_username", "bob@globex.example");
  }

  private static String token(KeyPair key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .type(JOSEObjectType.JWT)
                  .keyID(keyId(key))
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key.getPrivate()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> call(String path, String token) {
    return ResourceServerCalls.call(port, path, token);
  }

  private static String keyId(KeyPair key) {
    return Integer.toHexString(System.identityHashCode(key));
  }

  private static JWKSet jwkSet(KeyPair key) {
    return new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID(keyId(key)).build());
  }

  private static String keysUri(String path) {
    return "http://127.0.0.1:" + KEYS.getAddress().getPort() + path;
  }
}
