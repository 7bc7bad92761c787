package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.testsupport.TestAccount;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.JsonNode;

/**
 * Each company's audit trail is a hash chain, and {@code /audit/verify} finds the first entry that
 * was changed, removed or moved behind the service's back (here: with SQL).
 */
class AuditChainIT extends QueryServiceIntegrationTest {

  private static final Instant START = Instant.parse("2026-11-21T00:00:00Z");

  @Test
  void anUntouchedChainIsIntact() {
    UUID company = companyWithFiveEntries();

    JsonNode report = verify(company, "");

    assertThat(report.get("status").asString()).isEqualTo("OK");
    assertThat(report.get("entriesChecked").asLong()).isEqualTo(5);
    assertThat(report.get("lastSequence").asLong()).isEqualTo(5);
    assertThat(report.get("lastHash").asString())
        .isEqualTo(
            api.companyAudit(company, "limit=1").json().get("items").get(0).get("hash").asString());
    assertThat(report.has("broken")).isFalse();
  }

  @Test
  void aChangedColumnIsFound() {
    UUID company = companyWithFiveEntries();
    jdbc.sql(
            "UPDATE audit_entry SET actor = 'mallory@acme.example' WHERE company_id = ? AND company_sequence = 3")
        .param(company)
        .update();

    JsonNode report = verify(company, "");

    assertBrokenAt(report, 3, "changed");
    assertThat(report.get("entriesChecked").asLong()).isEqualTo(2);
    assertThat(report.get("broken").get("eventId").asString()).isEqualTo(eventId(company, 3));
  }

  @Test
  void aChangedChangeIsFound() {
    UUID company = companyWithFiveEntries();
    jdbc.sql(
            """
            UPDATE audit_entry SET changes = '{"name":{"before":"a","after":"b"}}'::jsonb
             WHERE company_id = ? AND company_sequence = 4
            """)
        .param(company)
        .update();

    assertBrokenAt(verify(company, ""), 4, "changed");
  }

  @Test
  void aDeletedEntryIsFound() {
    UUID company = companyWithFiveEntries();
    jdbc.sql("DELETE FROM audit_entry WHERE company_id = ? AND company_sequence = 2")
        .param(company)
        .update();

    assertBrokenAt(verify(company, ""), 2, "missing");
  }

  @Test
  void deletedNewestEntriesAreFound() {
    UUID company = companyWithFiveEntries();
    jdbc.sql("DELETE FROM audit_entry WHERE company_id = ? AND company_sequence >= 4")
        .param(company)
        .update();

    JsonNode report = verify(company, "");

    assertBrokenAt(report, 4, "missing");
    assertThat(report.get("entriesChecked").asLong()).isEqualTo(3);
  }

  @Test
  void reorderedEntriesAreFound() {
    UUID company = companyWithFiveEntries();
    // Entries 2 and 3 swap places, each keeping its own content and hash.
    jdbc.sql(
            "UPDATE audit_entry SET company_sequence = 1000 WHERE company_id = ? AND company_sequence = 2")
        .param(company)
        .update();
    jdbc.sql(
            "UPDATE audit_entry SET company_sequence = 2 WHERE company_id = ? AND company_sequence = 3")
        .param(company)
        .update();
    jdbc.sql(
            "UPDATE audit_entry SET company_sequence = 3 WHERE company_id = ? AND company_sequence = 1000")
        .param(company)
        .update();

    assertBrokenAt(verify(company, ""), 2, "moved");
  }

  @Test
  void aRangeIsCheckedFromTheEntryBeforeIt() {
    UUID company = companyWithFiveEntries();
    jdbc.sql(
            "UPDATE audit_entry SET correlation_id = 'forged' WHERE company_id = ? AND company_sequence = 1")
        .param(company)
        .update();

    // Entries 3 and 4 (hours 2 and 3) chain from entry 2's stored hash: intact.
    JsonNode range = verify(company, "?from=2026-11-21T02:00:00Z&to=2026-11-21T04:00:00Z");
    assertThat(range.get("status").asString()).isEqualTo("OK");
    assertThat(range.get("entriesChecked").asLong()).isEqualTo(2);
    assertThat(range.get("lastSequence").asLong()).isEqualTo(4);
    // The whole chain is not.
    assertBrokenAt(verify(company, ""), 1, "changed");
  }

  @Test
  void verificationNeedsAValidRange() {
    QueryApi.Response response =
        api.get(
            "/companies/"
                + UUID.randomUUID()
                + "/audit/verify?from=2026-11-21T02:00:00Z&to=2026-11-21T01:00:00Z");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().get("invalidParams").get(0).get("name").asString()).isEqualTo("to");
  }

  /** Five entries, one an hour from {@link #START}, of two accounts. */
  @Test
  void theHashColumnsTakeOnlySixtyFourLowerCaseHexDigits() {
    UUID company = companyWithFiveEntries();
    String valid = "0123456789abcdef".repeat(4);
    for (String hash :
        List.of(
            valid.substring(1),
            valid + "0",
            valid.toUpperCase(Locale.ROOT),
            "g" + valid.substring(1),
            valid.substring(1) + "\n")) {
      assertThatThrownBy(
              () ->
                  jdbc.sql("UPDATE audit_entry SET hash = ? WHERE company_id = ?")
                      .params(hash, company)
                      .update())
          .as(hash)
          .isInstanceOf(DataIntegrityViolationException.class)
          .hasMessageContaining("audit_entry_hash_check");
      assertThatThrownBy(
              () ->
                  jdbc.sql("UPDATE audit_chain_head SET hash = ? WHERE company_id = ?")
                      .params(hash, company)
                      .update())
          .as(hash)
          .isInstanceOf(DataIntegrityViolationException.class)
          .hasMessageContaining("audit_chain_head_hash_check");
    }

    assertThat(
            jdbc.sql("UPDATE audit_entry SET hash = ? WHERE company_id = ?")
                .params(valid, company)
                .update())
        .isEqualTo(5);
  }

  private UUID companyWithFiveEntries() {
    UUID company = UUID.randomUUID();
    TestAccount first = TestAccount.inCompany(company).at(START);
    TestAccount second = TestAccount.inCompany(company).at(START.plusSeconds(3600));
    feed.publish(first.created("One"));
    feed.publish(second.created("Two"));
    feed.publish(first.at(START.plusSeconds(7200)).renamed("One", "One, renamed"));
    feed.publish(second.at(START.plusSeconds(10800)).deactivated());
    feed.publish(first.at(START.plusSeconds(14400)).deactivated());
    eventually()
        .until(
            () -> api.companyAudit(company, "count=true").json().get("totalItems").asLong() == 5);
    return company;
  }

  private JsonNode verify(UUID company, String query) {
    QueryApi.Response response = api.get("/companies/" + company + "/audit/verify" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private String eventId(UUID company, long sequence) {
    return jdbc.sql(
            "SELECT event_id::text FROM audit_entry WHERE company_id = ? AND company_sequence = ?")
        .params(company, sequence)
        .query(String.class)
        .single();
  }

  private static void assertBrokenAt(JsonNode report, long sequence, String reasonMentions) {
    assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("BROKEN");
    assertThat(report.get("broken").get("companySequence").asLong())
        .as(report.toString())
        .isEqualTo(sequence);
    assertThat(report.get("broken").get("reason").asString()).contains(reasonMentions);
  }
}
