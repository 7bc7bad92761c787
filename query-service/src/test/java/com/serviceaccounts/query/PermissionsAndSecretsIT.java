package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Permissions show as the full matrix, per tool in the audit trail; a rotation adds a secret and
 * ends the ones before it, and no hash shows anywhere. Every record is delivered twice: the
 * duplicate changes nothing.
 */
class PermissionsAndSecretsIT extends QueryServiceIntegrationTest {

  @Test
  void permissionsShowAsTheFullMatrixAndEachChangedToolIsAnAuditEntry() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Reports feed");
    EventEnvelope granted =
        account.permissionsChanged(
            Map.of(
                "reports", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.READ_ONLY),
                "erp-integrations",
                    new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN)));
    EventEnvelope changed =
        account.permissionsChanged(
            Map.of(
                "reports", new ValueChange<>(PermissionLevel.READ_ONLY, PermissionLevel.NONE),
                "admin", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.STANDARD)));

    publishTwice(created, granted, changed);
    JsonNode view = awaitAccountAtVersion(account, 3).json();

    JsonNode permissions = view.get("permissions");
    assertThat(permissions.propertyNames()).containsExactlyElementsOf(CompanyTools.ids());
    for (String tool : CompanyTools.ids()) {
      String expected =
          switch (tool) {
            case "admin" -> "STANDARD";
            case "erp-integrations" -> "ADMIN";
            default -> "NONE";
          };
      assertThat(permissions.get(tool).asString()).as(tool).isEqualTo(expected);
    }
    assertThat(view.get("lastEditedAt").isNull()).as("a permissions change is no edit").isTrue();
    assertThat(api.listing(account.companyId).json().get("items").get(0)).isEqualTo(view);
    assertThat(
            jdbc.sql("SELECT permissions::text FROM service_account WHERE id = ?")
                .param(account.id)
                .query(String.class)
                .single())
        .as("only levels other than NONE are stored")
        .isEqualTo("{\"admin\": \"STANDARD\", \"erp-integrations\": \"ADMIN\"}");

    JsonNode items = api.audit(account.companyId, account.id).json().get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("type").asString()).isEqualTo("ServiceAccountPermissionsChanged");
    assertThat(items.get(0).get("eventId").asString()).isEqualTo(changed.eventId().toString());
    assertThat(items.get(0).get("changes"))
        .isEqualTo(
            QueryApi.json(
                """
                {"permissions.admin": {"before": "NONE", "after": "STANDARD"},
                 "permissions.reports": {"before": "READ_ONLY", "after": "NONE"}}
                """));
    assertThat(items.get(1).get("changes"))
        .isEqualTo(
            QueryApi.json(
                """
                {"permissions.erp-integrations": {"before": "NONE", "after": "ADMIN"},
                 "permissions.reports": {"before": "NONE", "after": "READ_ONLY"}}
                """));
  }

  @Test
  void aRotationAddsASecretAndEndsTheOnesStillValidWithoutAHashAnywhere() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Timecard import");
    // Secret 1 ends at once; when secret 3 arrives, only secret 2 is still valid.
    EventEnvelope second = account.secretRotated(Duration.ZERO);
    EventEnvelope third = account.secretRotated(Duration.ofHours(24));

    publishTwice(created, second);
    JsonNode afterSecond = awaitAccountAtVersion(account, 2).json().get("secrets");
    assertThat(afterSecond).hasSize(2);
    assertSecret(afterSecond.get(0), 1, created, expiryOf(second));
    assertSecret(afterSecond.get(1), 2, second, null);

    publishTwice(third);
    QueryApi.Response response = awaitAccountAtVersion(account, 3);
    JsonNode secrets = response.json().get("secrets");
    assertThat(secrets).hasSize(3);
    assertSecret(secrets.get(0), 1, created, expiryOf(second));
    assertSecret(secrets.get(1), 2, second, expiryOf(third));
    assertSecret(secrets.get(2), 3, third, null);
    assertThat(secrets.get(0).propertyNames())
        .containsExactlyInAnyOrder("number", "createdAt", "expiresAt", "lastUsedAt");
    assertThat(response.json().get("lastEditedAt").isNull()).isTrue();

    QueryApi.Response audit = api.audit(account.companyId, account.id);
    JsonNode items = audit.json().get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("type").asString()).isEqualTo("ClientSecretRotated");
    assertThat(items.get(0).get("changes").get("clientSecret").toString())
        .isEqualTo("{\"after\":\"secret #3\"}");
    assertThat(items.get(0).get("changes").get("previousSecretsExpireAt").toString())
        .isEqualTo("{\"after\":\"" + expiryOf(third) + "\"}");
    assertThat(items.get(1).get("changes").get("clientSecret").get("after").asString())
        .isEqualTo("secret #2");

    List<String> hashes =
        List.of(account.secretHash(1), account.secretHash(2), account.secretHash(3));
    for (QueryApi.Response answer : List.of(response, api.listing(account.companyId), audit)) {
      // The audit entries' own "hash" (their link in the audit chain) is no secret's.
      assertThat(answer.body()).doesNotContainIgnoringCase("secretHash").doesNotContain("sha256:");
      for (String hash : hashes) {
        assertThat(answer.body()).doesNotContain(hash.substring("sha256:".length()));
      }
    }
    for (String table : List.of("service_account", "audit_entry")) {
      for (String hash : hashes) {
        assertThat(
                jdbc.sql("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0")
                    .param(hash.substring("sha256:".length()))
                    .query(Long.class)
                    .single())
            .as(table)
            .isZero();
      }
    }
  }

  private void publishTwice(EventEnvelope... events) {
    for (EventEnvelope event : events) {
      feed.publish(event);
      feed.publish(event);
    }
  }

  private static String expiryOf(EventEnvelope rotation) {
    return ((ClientSecretRotated) rotation.payload()).previousSecretsExpireAt().toString();
  }

  private static void assertSecret(
      JsonNode secret, int number, EventEnvelope madeBy, String expiresAt) {
    assertThat(secret.get("number").asInt()).isEqualTo(number);
    assertThat(secret.get("createdAt").asString()).isEqualTo(madeBy.occurredAt().toString());
    if (expiresAt == null) {
      assertThat(secret.get("expiresAt").isNull()).as("secret %d is current", number).isTrue();
    } else {
      assertThat(secret.get("expiresAt").asString()).as("secret %d", number).isEqualTo(expiresAt);
    }
  }
}
