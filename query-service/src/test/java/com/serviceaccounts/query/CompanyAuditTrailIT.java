package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The company-wide audit trail over HTTP: one entry per event with everything an auditor asks
 * about, newest first, filters, and cursor pages that stay right while entries keep arriving.
 */
class CompanyAuditTrailIT extends QueryServiceIntegrationTest {

  @Test
  void everyEventIsAnEntryWithItsActorSequenceAndChangesNewestFirst() {
    UUID company = UUID.randomUUID();
    TestAccount erp = TestAccount.inCompany(company);
    TestAccount reports = TestAccount.inCompany(company);
    List<EventEnvelope> events =
        List.of(
            erp.created("ERP sync"),
            reports.created("Reports"),
            erp.renamed("ERP sync", "ERP nightly"),
            reports.permissionsChanged(
                Map.of("reports", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN))),
            erp.secretRotated(Duration.ofHours(1)),
            reports.deactivated(),
            reports.deleted(AccountStatus.DEACTIVATED, Instant.parse("2027-01-01T00:00:00Z")));
    events.forEach(feed::publish);

    JsonNode items = awaitEntries(company, events.size()).get("items");

    assertThat(items)
        .extracting(item -> item.get("companySequence").asLong())
        .containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    for (int i = 0; i < events.size(); i++) {
      EventEnvelope event = events.get(events.size() - 1 - i);
      JsonNode item = items.get(i);
      assertThat(item.get("eventId").asString()).isEqualTo(event.eventId().toString());
      assertThat(item.get("companyId").asString()).isEqualTo(company.toString());
      assertThat(item.get("accountId").asString()).isEqualTo(event.accountId().toString());
      assertThat(item.get("type").asString()).isEqualTo(event.type().shortName());
      assertThat(item.get("actor").asString()).isEqualTo(event.actor());
      assertThat(item.get("actorType").asString()).isEqualTo("user");
      assertThat(item.get("correlationId").asString()).isEqualTo(event.correlationId());
      assertThat(Instant.parse(item.get("occurredAt").asString())).isEqualTo(event.occurredAt());
      assertThat(item.get("hash").asString()).hasSize(64);
    }
    assertThat(items.get(0).get("changes"))
        .isEqualTo(
            QueryApi.json(
                "{\"status\":{\"before\":\"DEACTIVATED\",\"after\":\"DELETED\"},"
                    + "\"restorableUntil\":{\"after\":\"2027-01-01T00:00:00Z\"}}"));
    assertThat(items.get(2).get("changes").get("clientSecret"))
        .isEqualTo(QueryApi.json("{\"after\":\"secret #2\"}"));
    assertThat(items.get(3).get("changes"))
        .isEqualTo(
            QueryApi.json("{\"permissions.reports\":{\"before\":\"NONE\",\"after\":\"ADMIN\"}}"));
    assertThat(items.get(4).get("changes"))
        .isEqualTo(QueryApi.json("{\"name\":{\"before\":\"ERP sync\",\"after\":\"ERP nightly\"}}"));
    assertThat(items.toString()).doesNotContain("sha256:");
  }

  @Test
  void filtersByActorTypeAccountAndTimeRange() {
    UUID company = UUID.randomUUID();
    Instant day = Instant.parse("2026-11-20T00:00:00Z");
    TestAccount first = TestAccount.inCompany(company).at(day);
    TestAccount second = TestAccount.inCompany(company).at(day.plusSeconds(3600));
    feed.publish(first.created("First")); // 1, alice, day
    feed.publish(second.created("Second")); // 2, alice, day + 1h
    feed.publish(first.at(day.plusSeconds(7200)).renamed("First", "First!")); // 3, bob
    feed.publish(second.at(day.plusSeconds(10800)).deactivated()); // 4, bob
    awaitEntries(company, 4);

    assertThat(sequences(api.companyAudit(company, "actor=" + TestAccount.EDITOR)))
        .containsExactly(4L, 3L);
    assertThat(sequences(api.companyAudit(company, "type=ServiceAccountCreated")))
        .containsExactly(2L, 1L);
    assertThat(
            sequences(
                api.companyAudit(company, "type=ServiceAccountEdited,ServiceAccountDeactivated")))
        .containsExactly(4L, 3L);
    assertThat(sequences(api.companyAudit(company, "accountId=" + first.id)))
        .containsExactly(3L, 1L);
    assertThat(
            sequences(
                api.companyAudit(
                    company, "from=2026-11-20T01:00:00Z&to=2026-11-20T03:00:00Z&count=true")))
        .containsExactly(3L, 2L);
    assertThat(
            api.companyAudit(company, "from=2026-11-20T01:00:00Z&count=true")
                .json()
                .get("totalItems")
                .asLong())
        .isEqualTo(3);
    assertThat(
            sequences(
                api.get(
                    "/companies/"
                        + company
                        + "/service-accounts/"
                        + second.id
                        + "/audit?type=ServiceAccountDeactivated")))
        .containsExactly(4L);
  }

  @Test
  void cursorPagesHaveNoDuplicatesOrGapsWhileNewEntriesArrive() {
    UUID company = UUID.randomUUID();
    TestAccount account = TestAccount.inCompany(company);
    feed.publish(account.created("Paged"));
    for (int i = 1; i <= 6; i++) {
      feed.publish(account.renamed("Paged " + (i - 1), "Paged " + i));
    }
    awaitEntries(company, 7);

    List<Long> seen = new ArrayList<>();
    QueryApi.Response page = api.companyAudit(company, "limit=3&count=true");
    assertThat(page.json().get("totalItems").asLong()).isEqualTo(7);
    int pages = 0;
    while (true) {
      pages++;
      seen.addAll(sequences(page));
      // Entries arrive between the pages: they are newer than any page still to come.
      feed.publish(account.renamed("x", "arrived after page " + pages));
      awaitEntries(company, 7 + pages);
      JsonNode next = page.json().get("nextCursor");
      if (next.isNull()) {
        break;
      }
      page = api.companyAudit(company, "limit=3&cursor=" + next.asString());
      assertThat(page.status()).isEqualTo(200);
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(api.companyAudit(company, "limit=500").json().get("items")).hasSize(10);
  }

  @Test
  void theDefaultPageHoldsFiftyEntries() {
    UUID company = UUID.randomUUID();
    TestAccount account = TestAccount.inCompany(company);
    feed.publish(account.created("Busy"));
    for (int i = 1; i <= 50; i++) {
      feed.publish(account.renamed("Busy " + (i - 1), "Busy " + i));
    }
    awaitEntries(company, 51);

    JsonNode first = api.companyAudit(company, "").json();
    assertThat(first.get("items")).hasSize(50);
    JsonNode last =
        api.companyAudit(company, "cursor=" + first.get("nextCursor").asString()).json();
    assertThat(sequences(last)).containsExactly(1L);
    assertThat(last.get("nextCursor").isNull()).isTrue();
  }

  /** Waits until the company's trail counts {@code count} entries, and answers its first page. */
  JsonNode awaitEntries(UUID company, int count) {
    return eventually()
        .until(
            () -> api.companyAudit(company, "limit=500&count=true").json(),
            page -> page.get("totalItems").asLong() == count);
  }

  private static List<Long> sequences(QueryApi.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return sequences(response.json());
  }

  private static List<Long> sequences(JsonNode page) {
    List<Long> sequences = new ArrayList<>();
    page.get("items").forEach(item -> sequences.add(item.get("companySequence").asLong()));
    return sequences;
  }
}
