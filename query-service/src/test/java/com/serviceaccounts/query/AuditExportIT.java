package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit export: every entry in a time range, as CSV or NDJSON, streamed. */
class AuditExportIT extends QueryServiceIntegrationTest {

  private static final int BULK = 100_000;
  private static final long MB = 1024 * 1024;

  @Test
  void exportsTheRangeOldestFirstAsCsvAndNdjson() throws IOException {
    UUID company = UUID.randomUUID();
    Instant start = Instant.parse("2026-11-22T00:00:00Z");
    TestAccount account = TestAccount.inCompany(company).at(start);
    feed.publish(account.created("Export, \"quoted\""));
    feed.publish(account.at(start.plusSeconds(60)).renamed("Export, \"quoted\"", "Export"));
    feed.publish(account.at(start.plusSeconds(120)).deactivated());
    eventually()
        .until(
            () -> api.companyAudit(company, "count=true").json().get("totalItems").asLong() == 3);
    String range = "from=2026-11-22T00:00:00Z&to=2026-11-22T00:02:00Z";

    List<String> csv = lines("/companies/" + company + "/audit/export?format=csv&" + range);
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0))
        .isEqualTo(
            "companySequence,eventId,occurredAt,accountId,version,type,actor,actorType,correlationId,changes,hash,chainVersion,companyId");
    assertThat(csv.get(1)).startsWith("1,").contains(",ServiceAccountCreated,");
    // The changes document has commas and quotes: one quoted field, its quotes doubled.
    assertThat(csv.get(1)).contains("\"\"after\"\":\"\"Export, \\\"\"quoted\\\"\"\"\"");
    assertThat(csv.get(2)).startsWith("2,").contains(",ServiceAccountEdited,");

    List<String> ndjson = lines("/companies/" + company + "/audit/export?format=ndjson&" + range);
    assertThat(ndjson).hasSize(2);
    JsonNode first = QueryApi.json(ndjson.get(0));
    assertThat(first.get("companySequence").asLong()).isEqualTo(1);
    assertThat(first.get("changes").get("name").get("after").asString())
        .isEqualTo("Export, \"quoted\"");
    assertThat(QueryApi.json(ndjson.get(1)).get("type").asString())
        .isEqualTo("ServiceAccountEdited");
  }

  /**
   * A hundred thousand entries (≈ 60 MB of CSV) go out while the heap stays where it was: measured
   * after a full collection while the export is half read, so the server holds what it has in
   * flight and nothing it has already sent. Reading all rows first would hold well over 100 MB.
   */
  @Test
  void aHundredThousandEntriesStreamWithoutTheHeapGrowingWithThem() throws IOException {
    UUID company = UUID.randomUUID();
    UUID account = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO audit_entry (event_id, company_id, company_sequence, account_id,
                                     account_version, event_type, actor, actor_type, occurred_at,
                                     correlation_id, changes, chain_version, hash)
            SELECT gen_random_uuid(), ?, n, ?, n, 'ServiceAccountEdited', 'user:bulk@acme.example',
                   'user', timestamptz '2026-01-01 00:00:00+00' + n * interval '1 second',
                   'req-' || n,
                   jsonb_build_object('name', jsonb_build_object('before', repeat('a', 200) || n,
                                                                 'after', repeat('b', 200) || n)),
                   2, repeat('0', 64)
              FROM generate_series(1, ?) AS n
            """)
        .params(company, account, BULK)
        .update();
    try {
      long before = usedHeapAfterCollection();
      long lines = 0;
      long halfway = -1;
      try (BufferedReader export =
          new BufferedReader(
              new InputStreamReader(
                  api.stream("/companies/" + company + "/audit/export?format=csv"),
                  StandardCharsets.UTF_8))) {
        while (export.readLine() != null) {
          lines++;
          if (lines == BULK / 2) {
            halfway = usedHeapAfterCollection();
          }
        }
      }

      assertThat(lines).isEqualTo(BULK + 1);
      assertThat((halfway - before) / MB)
          .as("heap growth in MB while the export is half read")
          .isLessThan(32);
    } finally {
      jdbc.sql("DELETE FROM audit_entry WHERE company_id = ?").param(company).update();
    }
  }

  private List<String> lines(String path) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(api.stream(path), StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }

  private static long usedHeapAfterCollection() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
