package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The running services as a hostile or a hurried client meets them: command-service and
 * query-service refuse tokens without {@code exp} or {@code sub}, of an issuer they do not trust,
 * or naming a service account or the system while issued for people, and take the actor type from
 * the issuer; a secret that command-service hands out (created or rotated) gets a token from
 * token-service on the very next request.
 */
class TokensAndSecretsSystemIT extends ACompanyOnTheRunningSystem {

  static final int ROUNDS = 20;

  @Test
  void bothServicesRefuseTokensThatLackExpiryOrSubjectOrATrustedIssuer() throws Exception {
    List<String> refused =
        List.of(
            TestTokens.changed(company, claims -> claims.expirationTime(null)),
            TestTokens.changed(company, claims -> claims.subject(null)),
            TestTokens.changed(company, claims -> claims.issuer("https://evil.example")),
            TestTokens.changed(company, claims -> claims.issuer(system.tokenIssuer + "/other")),
            TestTokens.changed(company, claims -> claims.issuer(null)),
            TestTokens.changed(company, claims -> claims.subject("service-account:sa_forged")),
            TestTokens.changed(company, claims -> claims.subject("system:retention")),
            // the token service's issuer, but not its token: no client_id naming the subject
            TestTokens.changed(company, claims -> claims.issuer(system.tokenIssuer)),
            // a service account's token in every claim, but signed with RS256 and the people's
            // key: token-service's tokens are ES256, signed with the key its JWKS publishes
            TestTokens.changed(
                company,
                claims ->
                    claims
                        .issuer(system.tokenIssuer)
                        .subject("service-account:sa_forged")
                        .claim("client_id", "sa_forged")));
    for (String token : refused) {
      HttpResponse<String> command =
          client.send(
              system.commandService.baseUri().resolve(client.accounts()),
              "POST",
              token,
              CompanyClient.newAccount("refused", "CUSTOM", null));
      HttpResponse<String> query =
          client.send(system.queryService.baseUri().resolve(client.accounts()), "GET", token, null);
      for (HttpResponse<String> response : List.of(command, query)) {
        assertThat(response.statusCode()).as(response.uri() + " " + token).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .get()
            .asString()
            .startsWith("Bearer");
      }
    }

    JsonNode accepted = create(TestTokens.companyAdmin(company));
    awaitAccount(accepted.get("id").asText());
    JsonNode listing = client.query(system.queryService.baseUri(), client.accounts());
    assertThat(listing.get("items")).hasSize(1);
    assertThat(listing.at("/items/0/name").asText()).isEqualTo("accepted");
  }

  @Test
  void aPersonsTokenClaimingAnotherActorTypeActsAsAUser() throws Exception {
    JsonNode created =
        create(TestTokens.changed(company, claims -> claims.claim("actor_type", "system")));
    String id = created.get("id").asText();
    awaitAccount(id);

    JsonNode entry =
        client
            .query(system.queryService.baseUri(), client.accounts() + "/" + id + "/audit")
            .at("/items/0");
    assertThat(entry.get("actor").asText()).isEqualTo("user:admin@" + company);
    assertThat(entry.get("actorType").asText()).isEqualTo("user");
  }

  @Test
  void aCreatedSecretGetsATokenOnTheVeryNextRequest() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode created = create(TestTokens.companyAdmin(company));

      HttpResponse<String> token =
          token(created.get("clientId").asText(), created.get("clientSecret").asText());

      assertThat(token.statusCode()).as("round %d: %s", round, token.body()).isEqualTo(200);
      assertThat(JSON.readTree(token.body()).get("access_token").asText()).isNotBlank();
    }
  }

  @Test
  void aRotatedSecretGetsATokenOnTheVeryNextRequestAndTheEarlierOneStillWorks() throws Exception {
    JsonNode created = create(TestTokens.companyAdmin(company));
    String id = created.get("id").asText();
    String clientId = created.get("clientId").asText();
    String earlier = created.get("clientSecret").asText();
    assertThat(token(clientId, earlier).statusCode()).isEqualTo(200);

    for (int round = 0; round < ROUNDS; round++) {
      HttpResponse<String> rotation =
          client.command(
              system.commandService.baseUri(),
              "POST",
              client.accounts() + "/" + id + "/secret-rotations",
              Map.of("previousSecretValidFor", "PT1H"));
      assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
      String rotated = JSON.readTree(rotation.body()).get("clientSecret").asText();

      HttpResponse<String> withNew = token(clientId, rotated);
      HttpResponse<String> withEarlier = token(clientId, earlier);

      assertThat(withNew.statusCode()).as("round %d: %s", round, withNew.body()).isEqualTo(200);
      assertThat(withEarlier.statusCode()).as("round %d, earlier secret", round).isEqualTo(200);
      earlier = rotated;
    }
  }

  @Test
  void aServiceAccountsTokenActsOnlyWhileItsAccountIsActiveAndNeverRaisesItsOwnLevels()
      throws Exception {
    JsonNode created = create(TestTokens.companyAdmin(company));
    String id = created.get("id").asText();
    String other = create(TestTokens.companyAdmin(company)).get("id").asText();
    HttpResponse<String> granted =
        client.command(
            system.commandService.baseUri(),
            "PATCH",
            client.accounts() + "/" + id + "/permissions",
            Map.of("admin", "ADMIN", "directory", "ADMIN", "reports", "ADMIN"));
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    String integration = tokenWithDirectoryAdmin(created);
    URI accounts = system.commandService.baseUri().resolve(client.accounts() + "/");

    // Its Directory level sets other accounts' levels, never its own.
    assertThat(levels(accounts.resolve(other + "/permissions"), integration, "ADMIN").statusCode())
        .isEqualTo(200);
    HttpResponse<String> raised =
        client.send(
            accounts.resolve(id + "/permissions"),
            "PATCH",
            integration,
            Map.of("reports", "ADMIN"));
    assertThat(raised.statusCode()).as(raised.body()).isEqualTo(403);
    assertThat(raised.body()).contains("cannot change its own permissions");

    // Deactivated by a person, it cannot undo that with a token it got before, nor read.
    assertThat(lifecycle(accounts.resolve(id + "/deactivation"), "POST", alice()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> undone =
        lifecycle(accounts.resolve(id + "/reactivation"), "POST", integration);
    assertThat(undone.statusCode()).as(undone.body()).isEqualTo(403);
    assertThat(undone.body()).contains("is deactivated or deleted");
    URI listing = system.queryService.baseUri().resolve(client.accounts());
    await()
        .atMost(VISIBLE_WITHIN)
        .until(() -> lifecycle(listing, "GET", integration).statusCode(), status -> status == 403);

    // Active again, it acts again with a token issued since (not with one from before: see
    // aTokenFromBeforeALoweringOrADeactivation...); deleted, it cannot restore itself.
    assertThat(lifecycle(accounts.resolve(id + "/reactivation"), "POST", alice()).statusCode())
        .isEqualTo(200);
    String again =
        await()
            .atMost(VISIBLE_WITHIN)
            .until(
                () -> {
                  String token = tokenWithDirectoryAdmin(created);
                  return levels(accounts.resolve(other + "/permissions"), token, "STANDARD")
                              .statusCode()
                          == 200
                      ? token
                      : null;
                },
                token -> token != null);
    assertThat(lifecycle(accounts.resolve(id), "DELETE", alice()).statusCode()).isEqualTo(200);
    HttpResponse<String> restored = lifecycle(accounts.resolve(id + "/restoration"), "POST", again);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(403);
    await()
        .atMost(VISIBLE_WITHIN)
        .until(
            () -> client.rawQuery(system.queryService.baseUri(), client.accounts() + "/" + id),
            account -> account.body().contains("\"status\":\"DELETED\""));
  }

  /**
   * A service account armed with an account it made would raise its own levels through it, and undo
   * its own deactivation: it gives no level above its own, and reactivates nothing.
   */
  @Test
  void aServiceAccountRaisesNothingAndUndoesNoDeactivationThroughAnAccountItArmed()
      throws Exception {
    JsonNode first = create(alice());
    String firstId = first.get("id").asText();
    HttpResponse<String> granted =
        client.command(
            system.commandService.baseUri(),
            "PATCH",
            client.accounts() + "/" + firstId + "/permissions",
            Map.of("admin", "ADMIN", "directory", "ADMIN"));
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    String integration = tokenWithDirectoryAdmin(first);
    URI accounts = system.commandService.baseUri().resolve(client.accounts() + "/");

    JsonNode armed = create(integration);
    String armedId = armed.get("id").asText();
    HttpResponse<String> arming =
        client.send(
            accounts.resolve(armedId + "/permissions"),
            "PATCH",
            integration,
            Map.of("admin", "ADMIN", "directory", "ADMIN"));
    assertThat(arming.statusCode()).as(arming.body()).isEqualTo(200);
    HttpResponse<String> overArmed =
        client.send(
            accounts.resolve(armedId + "/permissions"),
            "PATCH",
            integration,
            Map.of("erp-integrations", "ADMIN"));
    assertThat(overArmed.statusCode()).as(overArmed.body()).isEqualTo(403);
    assertThat(overArmed.body()).contains("cannot give a level above its own");

    String accomplice = tokenWithDirectoryAdmin(armed);
    HttpResponse<String> raised =
        client.send(
            accounts.resolve(firstId + "/permissions"),
            "PATCH",
            accomplice,
            Map.of("erp-integrations", "ADMIN"));
    assertThat(raised.statusCode()).as(raised.body()).isEqualTo(403);
    assertThat(raised.body()).contains("cannot give a level above its own");

    assertThat(lifecycle(accounts.resolve(firstId + "/deactivation"), "POST", alice()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> undone =
        lifecycle(accounts.resolve(firstId + "/reactivation"), "POST", accomplice);
    assertThat(undone.statusCode()).as(undone.body()).isEqualTo(403);
    assertThat(undone.body()).contains("cannot reactivate or restore");
  }

  /**
   * A token carries the levels its account had when it was issued: once a person lowers them, an
   * earlier token acts with the levels the account has now (it gives none, creates nothing); once a
   * person deactivates the account and reactivates it, an earlier token does not act at all. A
   * stolen secret's token cannot outlast the answer to the theft.
   */
  @Test
  void aTokenFromBeforeALoweringOrADeactivationActsWithNoMoreThanTheAccountHasNow()
      throws Exception {
    JsonNode first = create(alice());
    String firstId = first.get("id").asText();
    URI accounts = system.commandService.baseUri().resolve(client.accounts() + "/");
    setByAlice(
        accounts.resolve(firstId + "/permissions"), Map.of("admin", "ADMIN", "directory", "ADMIN"));
    String before = tokenWithDirectoryAdmin(first);
    JsonNode other = create(before);

    setByAlice(
        accounts.resolve(firstId + "/permissions"), Map.of("admin", "NONE", "directory", "NONE"));
    HttpResponse<String> created = createRequest(before);
    assertThat(created.statusCode()).as("a create: %s", created.body()).isEqualTo(403);
    HttpResponse<String> armed =
        client.send(
            accounts.resolve(other.get("id").asText() + "/permissions"),
            "PATCH",
            before,
            Map.of("admin", "ADMIN"));
    assertThat(armed.statusCode()).as("arming another: %s", armed.body()).isEqualTo(403);

    setByAlice(
        accounts.resolve(firstId + "/permissions"), Map.of("admin", "ADMIN", "directory", "ADMIN"));
    String beforeDeactivation = tokenWithDirectoryAdmin(first);
    assertThat(createRequest(beforeDeactivation).statusCode()).isEqualTo(201);
    assertThat(lifecycle(accounts.resolve(firstId + "/deactivation"), "POST", alice()).statusCode())
        .isEqualTo(200);
    assertThat(lifecycle(accounts.resolve(firstId + "/reactivation"), "POST", alice()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> revived = createRequest(beforeDeactivation);
    assertThat(revived.statusCode()).as("a create: %s", revived.body()).isEqualTo(403);
    assertThat(revived.body()).contains("issued before");
    await()
        .atMost(VISIBLE_WITHIN)
        .until(() -> createRequest(tokenWithDirectoryAdmin(first)).statusCode() == 201);
  }

  /**
   * A token of the account {@code created} answered, issued once token-service has its Directory
   * level (a change reaches it within a second).
   */
  private String tokenWithDirectoryAdmin(JsonNode created) {
    return "Bearer "
        + await()
            .atMost(VISIBLE_WITHIN)
            .until(
                () ->
                    JSON.readTree(
                            token(
                                    created.get("clientId").asText(),
                                    created.get("clientSecret").asText())
                                .body())
                        .path("access_token")
                        .asText(),
                issued -> !issued.isEmpty() && claims(issued).contains("\"directory\":\"ADMIN\""));
  }

  /** The claims of a JWT, as JSON text. */
  private static String claims(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  /** Sets the Reports level of the account whose permissions are at {@code uri}. */
  /** Alice sets the levels at {@code uri} (an account's permissions). */
  private void setByAlice(URI uri, Map<String, Object> levels) throws Exception {
    HttpResponse<String> set = client.send(uri, "PATCH", alice(), levels);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
  }

  private HttpResponse<String> levels(URI uri, String bearer, String reports) throws Exception {
    return client.send(uri, "PATCH", bearer, Map.of("reports", reports));
  }

  private String alice() {
    return TestTokens.companyAdmin(company);
  }

  private HttpResponse<String> lifecycle(URI uri, String method, String bearer) throws Exception {
    return client.send(uri, method, bearer, null);
  }

  private JsonNode create(String bearer) throws Exception {
    HttpResponse<String> response = createRequest(bearer);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> createRequest(String bearer) throws Exception {
    return client.send(
        system.commandService.baseUri().resolve(client.accounts()),
        "POST",
        bearer,
        CompanyClient.newAccount("accepted", "CUSTOM", null));
  }

  private void awaitAccount(String id) {
    await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                client
                    .rawQuery(system.queryService.baseUri(), client.accounts() + "/" + id)
                    .statusCode(),
            status -> status == 200);
  }

  private HttpResponse<String> token(String clientId, String secret) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    URI endpoint = system.tokenService.baseUri().resolve("/oauth2/token");
    return http.send(
        HttpRequest.newBuilder(endpoint)
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
