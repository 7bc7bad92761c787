package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestAccount;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Introspection (RFC 7662) and revocation (RFC 7009) of the self-contained access tokens. */
class IntrospectionAndRevocationIT extends TokenServiceIntegrationTest {

  @Test
  void anIssuedTokenIntrospectsAsActiveWithItsClaims() {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);

    JsonNode introspection = api.introspect(account.clientId, account.secret(), token).json();

    assertThat(introspection.get("active").asBoolean()).isTrue();
    assertThat(introspection.get("client_id").asText()).isEqualTo(account.clientId);
    assertThat(introspection.get("sub").asText()).isEqualTo("service-account:" + account.clientId);
    assertThat(introspection.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(introspection.get("exp").asLong()).isGreaterThan(introspection.get("iat").asLong());
    assertThat(introspection.at("/companies/" + account.companyId).isObject()).isTrue();
  }

  /**
   * A token issued before a person lowered one of its account's levels introspects as inactive
   * (command-service no longer lets it act above the lower level); one issued since is active.
   */
  @Test
  void aTokenIssuedBeforeALevelWasLoweredIntrospectsAsInactive() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    String before =
        publishAndAwait(
                account,
                r -> r.status() == 200 && payload(r).contains("\"admin\":\"ADMIN\""),
                account.permissions("admin", PermissionLevel.ADMIN))
            .accessToken();
    assertThat(active(account, before)).isTrue();

    String since =
        publishAndAwait(
                account,
                r -> r.status() == 200 && payload(r).contains("\"admin\":\"READ_ONLY\""),
                account.permissions("admin", PermissionLevel.READ_ONLY))
            .accessToken();
    eventually().until(() -> active(account, before), active -> !active);
    assertThat(active(account, since)).isTrue();
  }

  @Test
  void aRevokedTokenIntrospectsAsInactiveAndRevokingItAgainIsFine() {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);

    TokenApi.Response revoked = api.revoke(account.clientId, account.secret(), token);
    assertThat(revoked.status()).isEqualTo(200);

    assertThat(active(account, token)).isFalse();
    assertThat(api.revoke(account.clientId, account.secret(), token).status()).isEqualTo(200);
    String another = api.tokenWithBasic(account.clientId, account.secret()).accessToken();
    assertThat(active(account, another)).isTrue();
  }

  /**
   * Another client's request to revoke a token is answered as for a token that is no one's: 200,
   * nothing revoked, and nothing that tells a live token from other text, nor that its own
   * credentials are wrong.
   */
  @Test
  void anotherClientCannotRevokeATokenNorLearnThatItIsLive() {
    TestAccount owner = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    String token = activeAccount(owner);
    activeAccount(other);

    TokenApi.Response response = api.revoke(other.clientId, other.secret(), token);
    TokenApi.Response noOnes = api.revoke(other.clientId, other.secret(), "not-a-token");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(noOnes.body());
    assertThat(response.header("WWW-Authenticate")).isNull();
    assertThat(
            api.introspect(owner.clientId, owner.secret(), token).json().get("active").asBoolean())
        .isTrue();
  }

  @Test
  void anotherClientLearnsOnlyThatTheTokenIsNotActiveForIt() {
    TestAccount owner = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    String token = activeAccount(owner);
    activeAccount(other);

    TokenApi.Response response = api.introspect(other.clientId, other.secret(), token);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().properties())
        .singleElement()
        .satisfies(
            field -> {
              assertThat(field.getKey()).isEqualTo("active");
              assertThat(field.getValue().asBoolean()).isFalse();
            });
    assertThat(response.body()).doesNotContain(owner.clientId);
    assertThat(
            api.introspect(owner.clientId, owner.secret(), token).json().get("active").asBoolean())
        .isTrue();
  }

  @Test
  void aClientGrantedIntrospectionLearnsAboutEveryClientsTokens() {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);
    TestAccount introspector = introspector();

    JsonNode introspection =
        api.introspect(introspector.clientId, introspector.secret(), token).json();

    assertThat(introspection.get("active").asBoolean()).isTrue();
    assertThat(introspection.get("client_id").asText()).isEqualTo(account.clientId);
    assertThat(introspection.get("sub").asText()).isEqualTo("service-account:" + account.clientId);
  }

  @Test
  void aTokenOfADeactivatedAccountIntrospectsAsInactive() {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);
    TestAccount introspector = introspector();
    assertThat(
            api.introspect(introspector.clientId, introspector.secret(), token)
                .json()
                .get("active")
                .asBoolean())
        .isTrue();

    publishAndAwait(account, r -> r.status() != 200, account.deactivated());

    assertThat(
            api.introspect(introspector.clientId, introspector.secret(), token)
                .json()
                .get("active")
                .asBoolean())
        .isFalse();
  }

  /**
   * A token issued before its account was deactivated, or deleted, stays inactive once the account
   * is reactivated, or restored (command-service refuses it too); one issued after is active.
   */
  @Test
  void aTokenFromBeforeADeactivationOrDeletionStaysInactiveAfterTheAccountIsBack() {
    TestAccount account = TestAccount.inANewCompany();
    String beforeDeactivation = activeAccount(account);
    publishAndAwait(account, r -> r.status() != 200, account.deactivated());
    String afterReactivation =
        publishAndAwait(account, r -> r.status() == 200, account.reactivated()).accessToken();
    publishAndAwait(account, r -> r.status() != 200, account.deleted(AccountStatus.ACTIVE));
    String afterRestoration =
        publishAndAwait(account, r -> r.status() == 200, account.restored(AccountStatus.ACTIVE))
            .accessToken();

    assertThat(active(account, beforeDeactivation)).isFalse();
    assertThat(active(account, afterReactivation)).isFalse();
    assertThat(active(account, afterRestoration)).isTrue();
  }

  /**
   * A token issued while its account was deactivated, before token-service heard of the
   * deactivation (the event on its way), does not act once the account is reactivated: a thief who
   * asked for tokens as the owner deactivated the account holds none that outlives the
   * reactivation.
   */
  @Test
  void aTokenIssuedBeforeTheDeactivationReachedTheServiceStaysInactiveAfterTheReactivation()
      throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    // Deactivated in an earlier second than the token's, which token-service issues before it
    // reads the deactivation.
    Thread.sleep(1_000 - Instant.now().toEpochMilli() % 1_000 + 20); // the start of a second
    Instant deactivatedAt = TestAccount.now().minusSeconds(1);
    TokenApi.Response whileDeactivated = api.tokenWithBasic(account.clientId, account.secret());
    assertThat(whileDeactivated.status()).as(whileDeactivated.body()).isEqualTo(200);
    assertThat(issuedAt(whileDeactivated.accessToken()))
        .isAfter(deactivatedAt.truncatedTo(ChronoUnit.SECONDS));

    account.at(deactivatedAt);
    feed.publish(account.deactivated());
    account.at(null);
    feed.publish(account.reactivated());
    eventually().until(() -> version(account) == 3);
    Thread.sleep(
        1_000); // the account authenticates, to introspect, after its reactivation's second

    assertThat(active(account, whileDeactivated.accessToken())).isFalse();
  }

  /**
   * A token asked for in the same second as its account's reactivation is not issued in it ({@code
   * iat} holds whole seconds, and one of the reactivation's second would read as issued before it,
   * refused for its whole life): the client is told to come back, and gets one of the next second
   * that acts.
   */
  @Test
  void aTokenAskedForInTheSecondOfAReactivationIsToldToComeBack() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    Thread.sleep(1_000 - Instant.now().toEpochMilli() % 1_000 + 20); // the start of a second
    Instant deactivatedAt = TestAccount.now();
    account.at(deactivatedAt);
    feed.publish(account.deactivated(), account.reactivated());
    account.at(null);
    eventually().until(() -> version(account) == 3);

    TokenApi.Response inTheSecond = api.tokenWithBasic(account.clientId, account.secret());
    assertThat(inTheSecond.status()).as(inTheSecond.body()).isEqualTo(503);
    assertThat(inTheSecond.header("Retry-After")).isEqualTo("1");
    assertThat(inTheSecond.json().get("error").asText()).isEqualTo("temporarily_unavailable");

    Thread.sleep(1_000);
    TokenApi.Response issued = api.tokenWithBasic(account.clientId, account.secret());
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    assertThat(issuedAt(issued.accessToken()))
        .isAfter(deactivatedAt.truncatedTo(ChronoUnit.SECONDS));
    assertThat(active(account, issued.accessToken())).isTrue();
  }

  private boolean active(TestAccount account, String token) {
    return api.introspect(account.clientId, account.secret(), token)
        .json()
        .get("active")
        .asBoolean();
  }

  private static Instant issuedAt(String token) throws ParseException {
    return SignedJWT.parse(token).getJWTClaimsSet().getIssueTime().toInstant();
  }

  @Test
  void garbageIsInactiveAndIntrospectionNeedsClientAuthentication() {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);

    assertThat(
            api.introspect(account.clientId, account.secret(), "not-a-token")
                .json()
                .get("active")
                .asBoolean())
        .isFalse();
    assertRefused(api.introspect(account.clientId, "sas_wrong", token));
  }

  /**
   * An RS256 token with a level on every tool is about 1,200 characters: over the other services'
   * 1,000-character parameters, within this one's 2,000.
   */
  @Test
  void aTokenAsLongAsAnRs256TokenWithEveryToolIsReadAndALongerOneRefused() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    String asLongAsRs256 = "eyJ" + "a".repeat(1_300) + ".eyJ" + "b".repeat(500) + ".c";

    TokenApi.Response introspected =
        api.introspect(account.clientId, account.secret(), asLongAsRs256);
    TokenApi.Response revoked = api.revoke(account.clientId, account.secret(), asLongAsRs256);
    TokenApi.Response tooLong =
        api.introspect(account.clientId, account.secret(), "a".repeat(2_001));

    assertThat(introspected.status()).as(introspected.body()).isEqualTo(200);
    assertThat(introspected.json().get("active").asBoolean()).isFalse();
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("token").contains("2000");
  }

  /** The claims of the token a response issued, as JSON text. */
  private static String payload(TokenApi.Response issued) {
    return new String(
        Base64.getUrlDecoder().decode(issued.accessToken().split("\\.")[1]),
        StandardCharsets.UTF_8);
  }
}
