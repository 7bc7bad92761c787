package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Refused attempts arrive on the security topic and become a company's chained security entries.
 */
class SecurityEntriesIT extends QueryServiceIntegrationTest {

  @Test
  void refusalsAreListedNewestFirstOnceEachAndTheirChainVerifies() throws Exception {
    UUID company = UUID.randomUUID();
    UUID account = UUID.randomUUID();
    List<SecurityEntry> sent = new ArrayList<>();
    try (EventFeed security =
        new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), SECURITY_TOPIC)) {
      for (int status : new int[] {401, 403, 409, 412, 422}) {
        SecurityEntry entry =
            new SecurityEntry(
                UUID.randomUUID(),
                company,
                status == 401 ? null : account,
                "command-service",
                "PATCH /companies/{id}/service-accounts/{id}",
                status,
                "refused with " + status,
                status == 401 ? "anonymous" : "user:mallory@acme.example",
                status == 401 ? "anonymous" : "user",
                "corr-" + status,
                Instant.parse("2026-11-28T10:00:00Z").plusSeconds(status));
        sent.add(entry);
        byte[] json = EventJson.newMapper().writeValueAsBytes(entry);
        security.publishRaw(company.toString(), json);
        if (status == 409) {
          security.publishRaw(company.toString(), json);
        }
      }
    }
    String entries = "/companies/" + company + "/audit/security-entries";
    QueryApi.Response page =
        eventually().until(() -> api.get(entries), r -> r.json().get("items").size() == 5);

    JsonNode items = page.json().get("items");
    assertThat(items)
        .extracting(item -> item.get("status").asInt())
        .containsExactly(422, 412, 409, 403, 401);
    assertThat(items)
        .extracting(item -> item.get("position").asLong())
        .containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(items.get(4).get("actor").asString()).isEqualTo("anonymous");
    assertThat(items.get(0).get("reason").asString()).isEqualTo("refused with 422");

    QueryApi.Response firstTwo = api.get(entries + "?limit=2");
    assertThat(firstTwo.json().get("nextBefore").asLong()).isEqualTo(4);
    assertThat(api.get(entries + "?limit=2&before=4").json().get("items"))
        .extracting(item -> item.get("position").asLong())
        .containsExactly(3L, 2L);
    assertThat(api.get(entries + "?accountId=" + account).json().get("items")).hasSize(4);

    JsonNode verified = api.get(entries + "/verify").json();
    assertThat(verified.get("status").asString()).isEqualTo("OK");
    assertThat(verified.get("entriesChecked").asLong()).isEqualTo(5);
    assertThat(verified.get("lastHash").asString()).isEqualTo(items.get(0).get("hash").asString());

    jdbc.sql("UPDATE security_entry SET reason = 'nothing happened' WHERE entry_id = ?")
        .param(sent.get(2).entryId())
        .update();
    JsonNode broken = api.get(entries + "/verify").json();
    assertThat(broken.get("status").asString()).isEqualTo("BROKEN");
    assertThat(broken.get("entriesChecked").asLong()).isEqualTo(2);
    assertThat(broken.get("brokenEntryId").asString()).isEqualTo(sent.get(2).entryId().toString());

    assertThat(
            api.get("/companies/" + UUID.randomUUID() + "/audit/security-entries")
                .json()
                .get("items"))
        .isEmpty();
  }
}
