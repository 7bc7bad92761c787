package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deactivation, reactivation, deletion, restoration and purge, as the listing and the audit trail
 * show them. Every record is delivered twice, and the duplicate changes nothing.
 */
class LifecycleIT extends QueryServiceIntegrationTest {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Test
  void statusFollowsDeactivationReactivationDeletionAndRestoration() {
    TestAccount account = TestAccount.inANewCompany();
    Instant restorableUntil = TestAccount.now().plus(Duration.ofDays(30));

    publishTwice(account.created("Directory sync"));
    JsonNode created = awaitAccountAtVersion(account, 1).json();
    assertThat(created.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(created.get("deletedAt").isNull()).isTrue();
    assertThat(created.get("restorableUntil").isNull()).isTrue();

    publishTwice(account.deactivated());
    assertThat(status(awaitAccountAtVersion(account, 2))).isEqualTo("DEACTIVATED");

    publishTwice(account.reactivated());
    assertThat(status(awaitAccountAtVersion(account, 3))).isEqualTo("ACTIVE");

    publishTwice(account.deactivated());
    EventEnvelope deleted = account.deleted(AccountStatus.DEACTIVATED, restorableUntil);
    publishTwice(deleted);
    JsonNode whileDeleted = awaitAccountAtVersion(account, 5).json();
    assertThat(whileDeleted.get("status").asString()).isEqualTo("DELETED");
    assertThat(whileDeleted.get("deletedAt").asString()).isEqualTo(deleted.occurredAt().toString());
    assertThat(whileDeleted.get("restorableUntil").asString())
        .isEqualTo(restorableUntil.toString());
    assertThat(listedIds(api.listing(account.companyId))).isEmpty();
    assertThat(
            listedIds(
                api.get("/companies/" + account.companyId + "/service-accounts?status=DELETED")))
        .containsExactly(account.id.toString());

    publishTwice(account.restored(AccountStatus.DEACTIVATED));
    JsonNode restored = awaitAccountAtVersion(account, 6).json();
    assertThat(restored.get("status").asString()).isEqualTo("DEACTIVATED");
    assertThat(restored.get("deletedAt").isNull()).isTrue();
    assertThat(restored.get("restorableUntil").isNull()).isTrue();
    assertThat(restored.get("lastEditedAt").isNull()).as("no status change is an edit").isTrue();
    assertThat(listedIds(api.listing(account.companyId))).containsExactly(account.id.toString());

    JsonNode items = api.audit(account.companyId, account.id).json().get("items");
    assertThat(items)
        .extracting(item -> item.get("version").asLong())
        .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(items)
        .extracting(item -> item.get("type").asString())
        .containsExactly(
            "ServiceAccountRestored",
            "ServiceAccountDeleted",
            "ServiceAccountDeactivated",
            "ServiceAccountReactivated",
            "ServiceAccountDeactivated",
            "ServiceAccountCreated");
    assertThat(items.get(0).get("changes"))
        .isEqualTo(
            QueryApi.json("{\"status\":{\"before\":\"DELETED\",\"after\":\"DEACTIVATED\"}}"));
    assertThat(items.get(1).get("changes"))
        .isEqualTo(
            QueryApi.json(
                """
                {"status": {"before": "DEACTIVATED", "after": "DELETED"},
                 "restorableUntil": {"after": "%s"}}
                """
                    .formatted(restorableUntil)));
    assertThat(items.get(3).get("changes"))
        .isEqualTo(QueryApi.json("{\"status\":{\"before\":\"DEACTIVATED\",\"after\":\"ACTIVE\"}}"));
    assertThat(items.get(4).get("changes"))
        .isEqualTo(QueryApi.json("{\"status\":{\"before\":\"ACTIVE\",\"after\":\"DEACTIVATED\"}}"));
  }

  @Test
  void aPurgedAccountIsGoneFromTheListingButItsAuditTrailStaysAndNoLaterRecordBringsItBack() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Legacy export");
    EventEnvelope deleted =
        account.deleted(AccountStatus.ACTIVE, TestAccount.now().plus(Duration.ofDays(30)));
    EventEnvelope purged = account.purged();

    publishTwice(created, deleted);
    awaitAccountAtVersion(account, 2);
    publishTwice(purged);
    // Every record of the account again, oldest first, as a consumer reading the topic from the
    // start would see them: none of them may look like a gap or bring the account back.
    publishTwice(created, deleted, purged);
    // Another account's record of the same company, so on the same partition and next in the
    // company's sequence: once it shows, every record before it has been handled (a gap would have
    // held it back).
    TestAccount sentinel = TestAccount.inCompany(account.companyId);
    feed.publish(sentinel.created("Sentinel"));
    awaitAccountAtVersion(sentinel, 1);

    QueryApi.Response gone = api.account(account.companyId, account.id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).isEqualTo("application/problem+json");
    for (String status : List.of("", "?status=DELETED", "?status=ACTIVE,DEACTIVATED,DELETED")) {
      assertThat(
              listedIds(api.get("/companies/" + account.companyId + "/service-accounts" + status)))
          .as(status)
          .doesNotContain(account.id.toString());
    }
    assertThat(listingRows(account.id)).isZero();
    assertThat(
            jdbc.sql("SELECT version FROM purged_service_account WHERE id = ?")
                .param(account.id)
                .query(Long.class)
                .single())
        .isEqualTo(3);

    QueryApi.Response audit = api.audit(account.companyId, account.id);
    assertThat(audit.status()).isEqualTo(200);
    JsonNode items = audit.json().get("items");
    assertThat(items)
        .extracting(item -> item.get("type").asString())
        .containsExactly("ServiceAccountPurged", "ServiceAccountDeleted", "ServiceAccountCreated");
    assertThat(items.get(0).get("eventId").asString()).isEqualTo(purged.eventId().toString());
    assertThat(items.get(0).get("actor").asString()).isEqualTo("service-accounts:purger");
    assertThat(items.get(0).get("changes"))
        .isEqualTo(QueryApi.json("{\"status\":{\"before\":\"DELETED\",\"after\":\"PURGED\"}}"));
    assertThat(auditRows(account.id)).isEqualTo(3);
  }

  @Test
  void theContactEmailIsStoredSealedAndReadsAsErasedOnceItsKeyIsDestroyed() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Payroll export"));
    feed.publish(account.deleted(AccountStatus.ACTIVE, TestAccount.now()));
    awaitAccountAtVersion(account, 2);

    assertThat(api.account(account.companyId, account.id).json().get("contactEmail").asString())
        .isEqualTo(account.contactEmail());
    assertThat(creationEntry(account).get("changes").get("contactEmail"))
        .isEqualTo(QueryApi.json("{\"after\":\"" + account.contactEmail() + "\"}"));
    assertThat(storedText(account))
        .isNotEmpty()
        .noneMatch(row -> row.contains(account.contactEmail()));

    // What command-service does in the purge's transaction: the key goes with the account.
    feed.publish(account.purged());
    assertThat(CommandServiceKeys.vault().shred(account.id)).isTrue();
    eventually()
        .until(() -> api.account(account.companyId, account.id).status(), status -> status == 404);

    assertThat(creationEntry(account).get("changes").get("contactEmail"))
        .isEqualTo(QueryApi.json("{\"after\":null,\"erased\":true}"));
    assertThat(creationEntry(account).get("changes").has("encryptedContactEmail")).isFalse();
    assertThat(storedText(account))
        .isNotEmpty()
        .noneMatch(row -> row.contains(account.contactEmail()));
  }

  private JsonNode creationEntry(TestAccount account) {
    JsonNode items = api.audit(account.companyId, account.id).json().get("items");
    return items.get(items.size() - 1);
  }

  /** Every row this service keeps about the account, as text. */
  private List<String> storedText(TestAccount account) {
    return jdbc.sql(
            """
            SELECT s::text FROM service_account s WHERE id = :id
            UNION ALL SELECT a::text FROM audit_entry a WHERE account_id = :id
            UNION ALL SELECT p::text FROM purged_service_account p WHERE id = :id
            """)
        .param("id", account.id)
        .query(String.class)
        .list();
  }

  private void publishTwice(EventEnvelope... events) {
    for (EventEnvelope event : events) {
      feed.publish(event);
      feed.publish(event);
    }
  }

  private static String status(QueryApi.Response response) {
    return response.json().get("status").asString();
  }

  private static List<String> listedIds(QueryApi.Response listing) {
    assertThat(listing.status()).isEqualTo(200);
    return StreamSupport.stream(listing.json().get("items").spliterator(), false)
        .map(item -> item.get("id").asString())
        .toList();
  }
}
