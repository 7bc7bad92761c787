package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.ParkedRecordHeaders;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.testsupport.ActuatorCalls;
import com.serviceaccounts.testsupport.HostileRecords;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import com.serviceaccounts.testsupport.TopicReader;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * Records that can never be stored (U+0000 in a text, a value the database refuses) are parked:
 * every other company's records behind them on the same partition are projected, the parked record
 * is listed at {@code /actuator/parked}, the health says PARKED, the metric counts it; a re-drive
 * after the fix applies it exactly once, in its company's order, and a discard closes it for good.
 */
class ParkedRecordsIT extends QueryServiceIntegrationTest {

  private static final int PARTITION = 0;
  private static final String PROJECTIONS = "service-account-projections";

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  @Autowired MeterRegistry meters;
  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void aSecurityEntryWithNulIsParkedAndTheOtherCompaniesEntriesOnItsPartitionAreStored()
      throws Exception {
    double parkedBefore = parkedCount(SECURITY_TOPIC);
    SecurityEntry poison = securityEntry(UUID.randomUUID(), "refused: \u0000");
    List<SecurityEntry> behind =
        List.of(
            securityEntry(UUID.randomUUID(), "refused with 422"),
            securityEntry(UUID.randomUUID(), "refused with 403"));
    try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
      security.publishRaw(PARTITION, poison.companyId().toString(), json(poison));
      for (SecurityEntry entry : behind) {
        security.publishRaw(PARTITION, entry.companyId().toString(), json(entry));
      }
    }

    for (SecurityEntry entry : behind) {
      eventually().until(() -> securityEntries(entry.entryId()), stored -> stored == 1);
    }
    JsonNode parked = eventually().until(() -> parkedWithKey(poison.companyId()), p -> p != null);
    assertThat(parked.get("topic").asString()).isEqualTo(SECURITY_TOPIC);
    assertThat(parked.get("partition").asInt()).isEqualTo(PARTITION);
    // What no service writes: refused as it is read, before the database would refuse it.
    assertThat(parked.get("reason").asString()).contains("control characters (found U+0000)");
    assertThat(parked.get("preview").asString()).doesNotContain("\u0000");
    assertThat(securityEntries(poison.entryId())).isZero();
    assertThat(parkedHealth()).isEqualTo("PARKED");
    // The service stays in the load balancer: every other company is served as before.
    QueryApi.Response readiness = api.get("/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    assertThat(parkedCount(SECURITY_TOPIC)).isGreaterThan(parkedBefore);

    HttpResponse<String> discarded = actuator("DELETE", "/actuator/parked/" + id(parked));
    assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
    assertThat(parkedWithKey(poison.companyId())).isNull();
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(404);
    assertThat(parkedHealth()).isEqualTo("UP");
    assertThat(
            jdbc.sql("SELECT state FROM parked_record WHERE id = ?")
                .param(id(parked))
                .query(String.class)
                .single())
        .isEqualTo("DISCARDED");
  }

  @Test
  void aCreationWithAnotherAccountsClientIdIsParkedSayingSo() throws Exception {
    TestAccount first = projectedAccount("First");
    // No command side writes it: a client id names one account.
    TestAccount second = TestAccount.withClientId(first.clientId);
    feed.publish(second.created("Second"));

    JsonNode parked = eventually().until(() -> parkedWithKey(second.companyId), p -> p != null);
    assertThat(parked.get("reason").asString()).contains("its client id is another account's");
    assertThat(listingRows(second.id)).isZero();
    assertThat(api.account(first.companyId, first.id).status()).isEqualTo(200);
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void anOperationActsOnTheRecordItsPathNamesAndNoOther() throws Exception {
    SecurityEntry poison = securityEntry(UUID.randomUUID(), "refused: \u0000 named elsewhere");
    try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
      security.publishRaw(PARTITION, poison.companyId().toString(), json(poison));
    }
    JsonNode parked = eventually().until(() -> parkedWithKey(poison.companyId()), p -> p != null);
    long id = id(parked);
    // The actuator hands an operation the path's record and the request's parameters in one map,
    // the parameters last: these discarded, re-drove or replayed the record they named.
    String[][] named = {
      {"DELETE", "/actuator/parked/999999999?id=" + id, "id"},
      {"DELETE", "/actuator/parked/999999999?id=" + id + "&id=999999999", "id"},
      {"POST", "/actuator/parked/999999999?id=" + id, "id"},
      {"POST", "/actuator/parked/%39%39%39?id=" + id, "id"},
      {"POST", "/actuator/deadletters/0/999999999?offset=0", "offset"},
      {"POST", "/actuator/deadletters/99/0?partition=0", "partition"},
      {"GET", "/actuator/parked?limit=5&id=" + id, "id"}
    };
    for (String[] request : named) {
      HttpResponse<String> refused = actuator(request[0], request[1]);
      assertThat(refused.statusCode()).as(request[1]).isEqualTo(400);
      assertThat(QueryApi.json(refused.body()).get("invalidParams").get(0).get("name").asString())
          .as(request[1])
          .isEqualTo(request[2]);
    }
    // A JSON body, which the actuator merges over the path's record too.
    for (String[] body :
        new String[][] {
          {"/actuator/parked/999999999", "{\"id\":\"" + id + "\"}"},
          {"/actuator/deadletters/0/999999999", "{\"partition\":\"0\",\"offset\":\"0\"}"}
        }) {
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + body[0]))
                      .header("Authorization", TestTokens.operator())
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body[1]))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(body[0]).isEqualTo(400);
      assertThat(QueryApi.json(refused.body()).get("invalidParams").get(0).get("name").asString())
          .isEqualTo("body");
    }
    // A form body, which Spring reads as parameters of a DELETE too.
    for (String method : List.of("DELETE", "POST")) {
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/parked/999999999"))
                      .header("Authorization", TestTokens.operator())
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .method(method, HttpRequest.BodyPublishers.ofString("id=" + id))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(method).isEqualTo(400);
    }
    assertThat(parkedWithKey(poison.companyId())).isEqualTo(parked);
    assertThat(actuator("DELETE", "/actuator/parked/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void anEventWithTheNumberOfAnotherAppliedBeforeIsParkedNotSkippedAsADuplicate() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Numbered"));
    EventEnvelope deactivated = account.deactivated();
    // Another event with the deactivation's number, applied first: the command side never writes
    // one, but an event store restored to an earlier point and written again would.
    EventEnvelope other =
        new EventEnvelope(
            UUID.randomUUID(),
            deactivated.type(),
            deactivated.accountId(),
            deactivated.companyId(),
            deactivated.version(),
            deactivated.companySequence(),
            deactivated.occurredAt(),
            deactivated.actor(),
            deactivated.actorType(),
            deactivated.correlationId(),
            deactivated.payload());
    feed.publish(other);
    awaitAccountAtVersion(account, 2);
    feed.publish(deactivated);

    JsonNode parked = eventually().until(() -> parkedWithKey(account.companyId), p -> p != null);
    assertThat(parked.get("reason").asString())
        .contains(deactivated.eventId().toString())
        .contains("which is event " + other.eventId())
        .contains("two events have one number");
    assertThat(auditRows(account.id)).isEqualTo(2);
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRecordWhoseHeaderNamesARowNotItsOwnLeavesThatRowAlone() throws Exception {
    SecurityEntry first = securityEntry(UUID.randomUUID(), "refused: \u0000 first");
    try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
      security.publishRaw(PARTITION, first.companyId().toString(), json(first));
      JsonNode parked = eventually().until(() -> parkedWithKey(first.companyId()), p -> p != null);
      // token-service numbers its parked rows on its own: a record it re-drove names its row, which
      // may have the number of one here, and this service fails on it too. Nor is a header naming
      // a row of this service's proof: the row must be the record's own.
      List<JsonNode> parkedToo = new ArrayList<>();
      for (String owner : List.of("token-service", "query-service")) {
        SecurityEntry other = securityEntry(UUID.randomUUID(), "refused: \u0000 " + owner);
        security.publishRaw(
            PARTITION,
            other.companyId().toString(),
            json(other),
            ParkedRecordHeaders.forRedrive(null, owner, id(parked)));
        JsonNode second =
            eventually().until(() -> parkedWithKey(other.companyId()), p -> p != null);
        assertThat(id(second)).isNotEqualTo(id(parked));
        assertThat(parkedWithKey(first.companyId())).isEqualTo(parked);
        parkedToo.add(second);
      }
      parkedToo.add(parked);
      for (JsonNode each : parkedToo) {
        assertThat(actuator("DELETE", "/actuator/parked/" + id(each)).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aCopyOfAnOpenParkedRecordCountsOnItsRowInsteadOfOpeningAnother() throws Exception {
    SecurityEntry poison = securityEntry(UUID.randomUUID(), "refused: \u0000 copied");
    try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
      security.publishRaw(PARTITION, poison.companyId().toString(), json(poison));
      JsonNode parked = eventually().until(() -> parkedWithKey(poison.companyId()), p -> p != null);
      // token-service parks the same record, and publishes it again when its operator re-drives
      // it there: a copy with token-service's header, which fails here as before.
      security.publishRaw(
          PARTITION,
          poison.companyId().toString(),
          json(poison),
          ParkedRecordHeaders.forRedrive(null, "token-service", 1));
      eventually().until(() -> attempts(id(parked)), attempts -> attempts == 2);
      assertThat(allParkedWithKey(poison.companyId())).hasSize(1);
      assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
    }
  }

  /**
   * Another event with {@code event}'s contents, at the account's {@code version} and the company's
   * {@code sequence}: one no command side writes.
   */
  private static EventEnvelope another(EventEnvelope event, long version, long sequence) {
    return new EventEnvelope(
        UUID.randomUUID(),
        event.type(),
        event.accountId(),
        event.companyId(),
        version,
        sequence,
        event.occurredAt(),
        event.actor(),
        event.actorType(),
        event.correlationId(),
        event.payload());
  }

  private int attempts(long parkedId) {
    return jdbc.sql("SELECT attempts FROM parked_record WHERE id = ?")
        .param(parkedId)
        .query(Integer.class)
        .single();
  }

  @Test
  void aSecurityEntryTheDatabaseRefusedIsStoredOnceWhenReDrivenAfterTheFix() throws Exception {
    String refused = "refused-by-a-constraint-" + UUID.randomUUID();
    SecurityEntry entry = securityEntry(UUID.randomUUID(), refused);
    SecurityEntry later = securityEntry(entry.companyId(), "refused with 409");
    jdbc.sql(
            "ALTER TABLE security_entry ADD CONSTRAINT parked_records_it CHECK (reason <> '"
                + refused
                + "') NOT VALID")
        .update();
    JsonNode parked;
    try {
      try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
        security.publishRaw(PARTITION, entry.companyId().toString(), json(entry));
        security.publishRaw(PARTITION, later.companyId().toString(), json(later));
      }
      eventually().until(() -> securityEntries(later.entryId()), stored -> stored == 1);
      parked = eventually().until(() -> parkedWithKey(entry.companyId()), p -> p != null);
      assertThat(parked.get("reason").asString()).contains("parked_records_it");
    } finally {
      jdbc.sql("ALTER TABLE security_entry DROP CONSTRAINT parked_records_it").update();
    }

    HttpResponse<String> redriven = actuator("POST", "/actuator/parked/" + id(parked));
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    eventually().until(() -> securityEntries(entry.entryId()), stored -> stored == 1);
    eventually().until(() -> allParkedWithKey(entry.companyId()), List::isEmpty);
    // Re-driven after a later entry of its company: it joins the chain at its head, which
    // verifies.
    assertThat(chainPosition(entry.entryId())).isEqualTo(2);
    JsonNode verified =
        api.get("/companies/" + entry.companyId() + "/audit/security-entries/verify").json();
    assertThat(verified.get("status").asString()).isEqualTo("OK");
    assertThat(verified.get("entriesChecked").asLong()).isEqualTo(2);
    assertThat(actuator("POST", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(404);
    assertThat(securityEntries(entry.entryId())).isEqualTo(1);
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aReDriveIsPublishedOnceAndACopyDiscardedOnItsWayIsNeitherStoredNorParked() throws Exception {
    String refused = "refused-by-a-constraint-" + UUID.randomUUID();
    SecurityEntry entry = securityEntry(UUID.randomUUID(), refused);
    jdbc.sql(
            "ALTER TABLE security_entry ADD CONSTRAINT parked_records_it CHECK (reason <> '"
                + refused
                + "') NOT VALID")
        .update();
    JsonNode parked;
    try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
      try {
        security.publishRaw(PARTITION, entry.companyId().toString(), json(entry));
        parked = eventually().until(() -> parkedWithKey(entry.companyId()), p -> p != null);
      } finally {
        jdbc.sql("ALTER TABLE security_entry DROP CONSTRAINT parked_records_it").update();
      }
      MessageListenerContainer consumer = listeners.getListenerContainer("security-entries");
      consumer.pause();
      try {
        eventually().until(consumer::isContainerPaused);
        ActuatorCalls.reDriveTwiceThenDiscard(port, id(parked));
      } finally {
        consumer.resume();
      }
      // A later entry of the company, on the copy's partition (by key): read after the copy.
      SecurityEntry later = securityEntry(entry.companyId(), "refused with 409");
      security.publishRaw(later.companyId().toString(), json(later));
      eventually().until(() -> securityEntries(later.entryId()), stored -> stored == 1);
    }
    assertThat(securityEntries(entry.entryId())).isZero();
    assertThat(allParkedWithKey(entry.companyId())).isEmpty();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void anEventTheDatabaseRefusesHoldsItsCompanyOnlyAndIsAppliedInOrderWhenReDriven()
      throws Exception {
    double parkedBefore = parkedCount(TOPIC);
    String refused = "Refused by a constraint " + UUID.randomUUID();
    TestAccount held = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    EventEnvelope heldCreated = held.created(refused);
    EventEnvelope heldRenamed = held.renamed(refused, "Renamed after the fix");
    // Refuses the account's row, whatever events it is made of.
    jdbc.sql(
            "ALTER TABLE service_account ADD CONSTRAINT parked_records_it CHECK (id <> '"
                + held.id
                + "') NOT VALID")
        .update();
    List<JsonNode> parked;
    try {
      feed.publish(heldCreated, PARTITION);
      feed.publish(other.created("Behind the refused one"), PARTITION);
      feed.publish(heldRenamed, PARTITION);
      feed.publish(other.renamed("Behind the refused one", "Projected"), PARTITION);

      assertThat(awaitAccountAtVersion(other, 2).json().get("name").asString())
          .isEqualTo("Projected");
      parked = eventually().until(() -> allParkedWithKey(held.companyId), p -> p.size() == 2);
    } finally {
      jdbc.sql("ALTER TABLE service_account DROP CONSTRAINT parked_records_it").update();
    }
    assertThat(parked.get(0).get("reason").asString()).contains("parked_records_it");
    assertThat(parked.get(1).get("reason").asString())
        .contains("waits behind parked record #" + id(parked.get(0)));
    assertThat(parked.get(1).get("offset").asLong())
        .isGreaterThan(parked.get(0).get("offset").asLong());
    // The rename was not applied ahead of the creation.
    assertThat(listingRows(held.id)).isZero();
    assertThat(auditRows(held.id)).isZero();
    assertThat(parkedHealth()).isEqualTo("PARKED");
    assertThat(parkedCount(TOPIC)).isGreaterThanOrEqualTo(parkedBefore + 2);

    HttpResponse<String> redriven = actuator("POST", "/actuator/parked/" + id(parked.get(0)));
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    assertThat(QueryApi.json(redriven.body()).get("published")).hasSize(2);
    assertThat(awaitAccountAtVersion(held, 2).json().get("name").asString())
        .isEqualTo("Renamed after the fix");
    eventually().until(() -> allParkedWithKey(held.companyId), List::isEmpty);
    assertThat(listingRows(held.id)).isEqualTo(1);
    assertThat(auditRows(held.id)).isEqualTo(2);
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void anEventWithNulIsParkedAndDiscardedWhileOtherCompaniesMoveOn(CapturedOutput output)
      throws Exception {
    TestAccount poisoned = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // As the command side would write it but for the NUL, which no event may hold.
    ProducerRecord<String, byte[]> created =
        HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, poisoned.created("Nul"));
    String json = new String(created.value(), StandardCharsets.UTF_8);
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(
          new ProducerRecord<>(
              TOPIC,
              PARTITION,
              created.key(),
              json.replace("\"Nul\"", "\"Nul \\u0000 in the name\"")
                  .getBytes(StandardCharsets.UTF_8),
              created.headers()));
    }
    feed.publish(other.created("Next to the NUL"), PARTITION);

    awaitAccountAtVersion(other, 1);
    JsonNode parked = eventually().until(() -> parkedWithKey(poisoned.companyId), p -> p != null);
    assertThat(parked.get("topic").asString()).isEqualTo(TOPIC);
    assertThat(parked.get("reason").asString()).contains("control characters (found U+0000)");
    assertThat(parkedHealth()).isEqualTo("PARKED");
    // The log says, in one line per attempt, what failed and why, and nothing of the record's
    // data (the database's detail and context quote the row), not even in a stack trace.
    assertThat(output)
        .contains("parked: ")
        .doesNotContain("in the name", "Error handler threw an exception");

    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
    assertThat(parkedWithKey(poisoned.companyId)).isNull();
    assertThat(listingRows(poisoned.id)).isZero();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void anEventThatWaitsForAnUnreadableOneIsParkedBehindItInsteadOfWaitingForever()
      throws Exception {
    TestAccount unknown = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // Number 1 of its company, of a type this service does not know (say, from a newer command
    // side): it does not read, so number 2 would wait for it forever.
    feed.publish(
        PARTITION,
        unknown.companyId.toString(),
        CloudEventBuilder.v1(codec.toCloudEvent(unknown.created("Unknown")))
            .withType("com.serviceaccounts.ServiceAccountTeleported.v1")
            .build());
    feed.publish(unknown.renamed("Unknown", "Waits for it"), PARTITION);
    feed.publish(other.created("Behind both"), PARTITION);

    awaitAccountAtVersion(other, 1);
    List<JsonNode> parked =
        eventually().until(() -> allParkedWithKey(unknown.companyId), p -> p.size() == 2);
    assertThat(parked.get(0).get("reason").asString()).contains("unknown event type");
    assertThat(parked.get(1).get("reason").asString())
        .contains("waits behind parked record #" + id(parked.get(0)));
    assertThat(listingRows(unknown.id)).isZero();

    for (JsonNode record : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(record)).statusCode()).isEqualTo(200);
    }
    assertThat(allParkedWithKey(unknown.companyId)).isEmpty();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aUsageReportAheadOfTheClockIsParkedAndTheReportsBehindItAreApplied() throws Exception {
    TestAccount refused = TestAccount.inANewCompany();
    TestAccount used = TestAccount.inANewCompany();
    feed.publish(refused.created("Used tomorrow"));
    feed.publish(used.created("Used today"));
    awaitAccountAtVersion(refused, 1);
    awaitAccountAtVersion(used, 1);
    // A last use only moves forward: one report from the future would hide every real use after
    // it. Beyond PostgreSQL's timestamps, too, where the database would refuse it.
    CredentialUsage tomorrow =
        new CredentialUsage(
            refused.id, refused.companyId, 1, Instant.now().plus(Duration.ofDays(1)), 1);
    CredentialUsage tooLate =
        new CredentialUsage(
            refused.id, refused.companyId, 1, Instant.parse("+300000-01-01T00:00:00Z"), 1);
    // And before the year 1 (the year 0, written with four digits), which the listing's times
    // cannot hold either.
    CredentialUsage tooEarly =
        new CredentialUsage(
            refused.id, refused.companyId, 1, Instant.parse("0000-03-01T00:00:00Z"), 1);
    CredentialUsage today = new CredentialUsage(used.id, used.companyId, 1, Instant.now(), 1);
    try (EventFeed usage = new EventFeed(kafka(), USAGE_TOPIC)) {
      usage.publishRaw(PARTITION, refused.id.toString(), json(tomorrow));
      usage.publishRaw(PARTITION, refused.id.toString(), json(tooLate));
      usage.publishRaw(PARTITION, refused.id.toString(), json(tooEarly));
      usage.publishRaw(PARTITION, used.id.toString(), json(today));
    }
    eventually()
        .until(
            () -> api.account(used.companyId, used.id),
            r -> r.status() == 200 && !r.json().path("lastUsedAt").isNull());
    List<JsonNode> parked =
        eventually().until(() -> allParkedWithKey(refused.id), p -> p.size() == 3);
    for (JsonNode each : parked) {
      assertThat(each.get("topic").asString()).isEqualTo(USAGE_TOPIC);
      // The year 300000 is written with more than four digits: no instant an event writes.
      assertThat(each.get("reason").asString())
          .containsAnyOf(
              "more than 5 minutes ahead of the clock",
              "before the year 1",
              "is not a CredentialUsage");
    }
    assertThat(parked.stream().map(each -> each.get("reason").asString()))
        .anyMatch(reason -> reason.contains("more than 5 minutes ahead of the clock"))
        .anyMatch(reason -> reason.contains("before the year 1"));
    assertThat(api.account(refused.companyId, refused.id).json().path("lastUsedAt").isNull())
        .isTrue();
    assertThat(parkedHealth()).isEqualTo("PARKED");
    assertThat(parkedCount(USAGE_TOPIC)).isGreaterThanOrEqualTo(3);
    for (JsonNode each : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(each)).statusCode()).isEqualTo(200);
    }
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aVersionGapIsRetriedUntilItFillsWithinTheGapWaitAndNeverParked() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Arrives second");
    EventEnvelope renamed = account.renamed("Arrives second", "Arrives first");
    feed.publish(renamed, PARTITION);
    // Longer than the attempts a lasting failure gets (3, 200 ms apart) before it is parked, within
    // the gap wait (6 s).
    Thread.sleep(1_000);
    feed.publish(created, PARTITION);
    assertThat(awaitAccountAtVersion(account, 2).json().get("name").asString())
        .isEqualTo("Arrives first");
    assertThat(allParkedWithKey(account.companyId)).isEmpty();
    assertThat(
            jdbc.sql("SELECT count(*) FROM parked_record WHERE company_id = ?")
                .param(account.companyId)
                .query(Long.class)
                .single())
        .isZero();
  }

  /**
   * No command side writes either: a purge ends a deleted account and is its last event, so neither
   * a purge of an account not deleted nor an event after a purge goes into the audit trail.
   */
  @Test
  void aPurgeOfAnAccountNotDeletedAndAnEventAfterAPurgeAreParked() throws Exception {
    TestAccount active = TestAccount.inANewCompany();
    feed.publish(active.created("Active"), PARTITION);
    awaitAccountAtVersion(active, 1);
    feed.publish(active.purged(), PARTITION);
    JsonNode notDeleted = eventually().until(() -> parkedWithKey(active.companyId), p -> p != null);
    assertThat(notDeleted.get("reason").asString())
        .contains("a purge is of a deleted account, not ACTIVE");
    assertThat(awaitAccountAtVersion(active, 1).json().get("status").asString())
        .isEqualTo("ACTIVE");
    assertThat(auditRows(active.id)).isEqualTo(1);

    TestAccount gone = TestAccount.inANewCompany();
    feed.publish(gone.created("Gone"), PARTITION);
    feed.publish(gone.deleted(AccountStatus.ACTIVE), PARTITION);
    feed.publish(gone.purged(), PARTITION);
    eventually().until(() -> auditRows(gone.id), rows -> rows == 3);
    feed.publish(gone.secretRotated(Duration.ZERO), PARTITION);
    JsonNode afterPurge = eventually().until(() -> parkedWithKey(gone.companyId), p -> p != null);
    assertThat(afterPurge.get("reason").asString()).contains("the account was purged at version 3");
    assertThat(auditRows(gone.id)).isEqualTo(3);

    // A creation again, at the company's next number: no redelivery, and refused as such at once.
    TestAccount again = TestAccount.inANewCompany();
    EventEnvelope created = again.created("Again");
    feed.publish(created, PARTITION);
    feed.publish(again.deleted(AccountStatus.ACTIVE), PARTITION);
    feed.publish(again.purged(), PARTITION);
    eventually().until(() -> auditRows(again.id), rows -> rows == 3);
    feed.publish(another(created, 1, 4), PARTITION);
    JsonNode createdAgain =
        eventually().until(() -> parkedWithKey(again.companyId), p -> p != null);
    assertThat(createdAgain.get("reason").asString())
        .contains("the account was purged at version 3");
    discard(List.of(notDeleted, afterPurge, createdAgain));
  }

  @Test
  void anEventItsAccountCannotTakeIsParkedAtOnceAndHoldsOnlyItsCompany() throws Exception {
    TestAccount lost = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // The company's number 1 is an account's rename, whose creation never came: out of step, it
    // is parked at once, and the records behind it on the partition are applied.
    feed.publish(lost.renamed("Never created", "Waits"), PARTITION);
    feed.publish(other.created("Behind the gap"), PARTITION);

    JsonNode parked = eventually().until(() -> parkedWithKey(lost.companyId), p -> p != null);
    assertThat(parked.get("reason").asString())
        .startsWith("OutOfStepEventException: ServiceAccountEdited")
        .contains("the account is unknown");
    awaitAccountAtVersion(other, 1);
    assertThat(listingRows(lost.id)).isZero();
    // The company's later records wait behind the parked one, not on the partition.
    feed.publish(lost.renamed("Waits", "Behind it"), PARTITION);
    eventually().until(() -> allParkedWithKey(lost.companyId), p -> p.size() == 2);
    for (JsonNode record : allParkedWithKey(lost.companyId)) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(record)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFloodHeldBehindAParkedRecordIsParkedInItsPollWithoutTheErrorHandler() throws Exception {
    TestAccount lost = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    feed.publish(lost.renamed("Never created", "Waits"), PARTITION);
    JsonNode gap = eventually().until(() -> parkedWithKey(lost.companyId), p -> p != null);
    // The company's later records, with another company's on the same partition among them, read
    // together once the consumer resumes.
    int held = 150;
    readTogether(
        () -> {
          for (int i = 0; i < held; i++) {
            feed.publish(lost.renamed("Waits", "Held " + i), PARTITION);
            if (i == held / 2) {
              feed.publish(other.created("Among the held"), PARTITION);
            }
          }
          feed.publish(other.deactivated(), PARTITION);
        });

    assertThat(awaitAccountAtVersion(other, 2).json().get("status").asString())
        .isEqualTo("DEACTIVATED");
    List<JsonNode> parked =
        eventually().until(() -> allParkedWithKey(lost.companyId), p -> p.size() == held + 1);
    for (JsonNode behind : parked.subList(1, parked.size())) {
      assertThat(behind.get("reason").asString())
          .contains("waits behind parked record #" + id(gap));
    }
    assertThat(listingRows(lost.id)).isZero();
    // None went through the error handler, to the dead letters: the first is out of step, parked
    // in its poll's transaction, and the held ones in theirs.
    assertThat(TopicReader.every(kafka(), TOPIC + ".DLT"))
        .noneMatch(letter -> lost.companyId.toString().equals(letter.key()));
    discard(parked);
  }

  @Test
  void recordsThatEachWaitForTheirOwnPredecessorWaitOneGapWaitInAll() throws Exception {
    int gaps = 20;
    Set<String> lost = new HashSet<>();
    TestAccount other = TestAccount.inANewCompany();
    // The second records of twenty companies whose number 1 never comes, read together: their gap
    // waits run together, 6 s here in all, not one after the other (two minutes).
    readTogether(
        () -> {
          for (int i = 0; i < gaps; i++) {
            TestAccount account = TestAccount.inANewCompany();
            lost.add(account.companyId.toString());
            account.created(); // number 1, never published
            feed.publish(account.renamed("account " + account.id, "Waits " + i), PARTITION);
          }
          feed.publish(other.created("Behind the gaps"), PARTITION);
        });

    awaitAccountAtVersion(other, 1);
    List<JsonNode> parked =
        eventually().until(() -> allParkedWithKeys(lost), found -> found.size() == gaps);
    assertThat(TopicReader.every(kafka(), TOPIC + ".DLT"))
        .noneMatch(letter -> lost.contains(letter.key()));
    for (JsonNode record : parked) {
      assertThat(record.get("reason").asString())
          .startsWith("VersionGapException")
          .contains("(version 2)");
    }
    discard(parked);
  }

  @Test
  void aFloodOfEventsTheirAccountsCannotTakeIsParkedInItsPollWithoutWaiting() throws Exception {
    int outOfStep = 300;
    Set<String> companies = new HashSet<>();
    TestAccount other = TestAccount.inANewCompany();
    TestAccount later = TestAccount.inANewCompany();
    // Each its company's number 1, a rename of an account whose creation never came: nothing can
    // come before it any more, so none is waited for (a gap wait each would be half an hour), nor
    // sent through the error handler (half a second each, and a dead letter).
    readTogether(
        () -> {
          feed.publish(other.created("Before the out of step"), PARTITION);
          for (int i = 0; i < outOfStep; i++) {
            TestAccount account = TestAccount.inANewCompany();
            companies.add(account.companyId.toString());
            feed.publish(account.renamed("Never created", "Out of step " + i), PARTITION);
            if (i == outOfStep / 2) {
              feed.publish(later.created("Among the out of step"), PARTITION);
            }
          }
          feed.publish(other.deactivated(), PARTITION);
        });

    assertThat(awaitAccountAtVersion(other, 2).json().get("status").asString())
        .isEqualTo("DEACTIVATED");
    awaitAccountAtVersion(later, 1);
    List<JsonNode> parked = allParkedWithKeys(companies);
    assertThat(parked).hasSize(outOfStep);
    for (JsonNode record : parked) {
      assertThat(record.get("reason").asString())
          .startsWith("OutOfStepEventException")
          .contains("the account is unknown");
    }
    assertThat(TopicReader.every(kafka(), TOPIC + ".DLT"))
        .noneMatch(letter -> companies.contains(letter.key()));
    discard(parked);
  }

  @Test
  void aFloodOfEventsWithTheNumbersOfOthersAppliedIsParkedInItsPollWithoutWaiting()
      throws Exception {
    int flood = 300;
    Set<String> companies = new HashSet<>();
    List<EventEnvelope> creations = new ArrayList<>();
    for (int i = 0; i < flood; i++) {
      TestAccount account = TestAccount.inANewCompany();
      companies.add(account.companyId.toString());
      creations.add(account.created("Created " + i));
      feed.publish(creations.get(i), PARTITION);
    }
    TestAccount other = TestAccount.inANewCompany();
    feed.publish(other.created("Behind the creations"), PARTITION);
    awaitAccountAtVersion(other, 1);
    // Each a second event with its company's number 1, which no command side writes, and a real
    // deactivation behind them: parked in the polls that read them, not sent through the error
    // handler one poll each (half a second apiece, and a dead letter).
    readTogether(
        () -> {
          for (EventEnvelope created : creations) {
            feed.publish(another(created, created.version(), created.companySequence()), PARTITION);
          }
          feed.publish(other.deactivated(), PARTITION);
        });

    assertThat(awaitAccountAtVersion(other, 2).json().get("status").asString())
        .isEqualTo("DEACTIVATED");
    List<JsonNode> parked =
        eventually().until(() -> allParkedWithKeys(companies), p -> p.size() == flood);
    for (JsonNode record : parked) {
      assertThat(record.get("reason").asString())
          .startsWith("ConflictingEventException")
          .contains("two events have one number");
    }
    assertThat(TopicReader.every(kafka(), TOPIC + ".DLT"))
        .noneMatch(letter -> companies.contains(letter.key()));
    discard(parked);
  }

  @Test
  void anEventNearKafkasLimitIsParkedWithoutItsDeadLetterCopy() throws Exception {
    TestAccount huge = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // A name of a million characters: unreadable (an event's texts are bounded far below that),
    // and so near Kafka's 1 MB that its copy on the dead-letter topic, with the copy's headers, is
    // over it: it is parked without that copy.
    StringBuilder name = new StringBuilder();
    while (name.length() < 1_040_000) {
      name.append(UUID.randomUUID());
    }
    ProducerRecord<String, byte[]> created =
        HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, huge.created("Huge"));
    byte[] value =
        new String(created.value(), StandardCharsets.UTF_8)
            .replace("\"name\":\"Huge\"", "\"name\":\"" + name + "\"")
            .getBytes(StandardCharsets.UTF_8);
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(new ProducerRecord<>(TOPIC, PARTITION, created.key(), value, created.headers()));
    }
    feed.publish(other.created("Behind the huge one"), PARTITION);

    awaitAccountAtVersion(other, 1);
    JsonNode parked = eventually().until(() -> parkedWithKey(huge.companyId), p -> p != null);
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void aSerializationFailureIsRetriedUntilItPassesAndNeverParked() throws Exception {
    String busy = "busy-" + UUID.randomUUID();
    SecurityEntry entry = securityEntry(UUID.randomUUID(), busy);
    // What PostgreSQL answers when concurrent transactions collide (40001), for this entry only,
    // until the trigger is dropped.
    jdbc.sql(
            """
            CREATE FUNCTION parked_records_it_busy() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.reason = '%s' THEN
                RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';
              END IF;
              RETURN NEW;
            END $$
            """
                .formatted(busy))
        .update();
    jdbc.sql(
            "CREATE TRIGGER parked_records_it_busy BEFORE INSERT ON security_entry"
                + " FOR EACH ROW EXECUTE FUNCTION parked_records_it_busy()")
        .update();
    try {
      try (EventFeed security = new EventFeed(kafka(), SECURITY_TOPIC)) {
        security.publishRaw(PARTITION, entry.companyId().toString(), json(entry));
      }
      // Longer than the attempts a lasting failure gets (3, 200 ms apart) before it is parked.
      Thread.sleep(3_000);
      assertThat(securityEntries(entry.entryId())).isZero();
    } finally {
      jdbc.sql("DROP TRIGGER parked_records_it_busy ON security_entry").update();
      jdbc.sql("DROP FUNCTION parked_records_it_busy()").update();
    }
    eventually().until(() -> securityEntries(entry.entryId()), stored -> stored == 1);
    assertThat(allParkedWithKey(entry.companyId())).isEmpty();
    assertThat(
            jdbc.sql("SELECT count(*) FROM parked_record WHERE topic = ? AND record_key = ?")
                .param(SECURITY_TOPIC)
                .param(entry.companyId().toString().getBytes(StandardCharsets.UTF_8))
                .query(Long.class)
                .single())
        .isZero();
  }

  private static SecurityEntry securityEntry(UUID company, String reason) {
    return new SecurityEntry(
        UUID.randomUUID(),
        company,
        UUID.randomUUID(),
        "command-service",
        "PATCH /companies/{id}/service-accounts/{id}/permissions",
        422,
        reason,
        "user:mallory@acme.example",
        "user",
        "corr-" + UUID.randomUUID(),
        Instant.now());
  }

  private static byte[] json(Object value) throws Exception {
    return EventJson.newMapper().writeValueAsBytes(value);
  }

  private static String kafka() {
    return TestInfrastructure.get().kafkaBootstrapServers();
  }

  private long securityEntries(UUID entryId) {
    return jdbc.sql("SELECT count(*) FROM security_entry WHERE entry_id = ?")
        .param(entryId)
        .query(Long.class)
        .single();
  }

  private long chainPosition(UUID entryId) {
    return jdbc.sql("SELECT position FROM security_entry WHERE entry_id = ?")
        .param(entryId)
        .query(Long.class)
        .single();
  }

  private double parkedCount(String topic) {
    var counter = meters.find("service_accounts.records.parked").tag("topic", topic).counter();
    return counter == null ? 0 : counter.count();
  }

  private String parkedHealth() {
    return api.get("/actuator/health/parked").json().get("status").asString();
  }

  private JsonNode parkedWithKey(UUID key) throws Exception {
    List<JsonNode> found = allParkedWithKey(key);
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }

  private List<JsonNode> allParkedWithKey(UUID key) throws Exception {
    return allParkedWithKeys(Set.of(key.toString()));
  }

  private List<JsonNode> allParkedWithKeys(Set<String> keys) throws Exception {
    return allParked().stream()
        .filter(parked -> keys.contains(parked.path("key").asString(null)))
        .toList();
  }

  private void discard(List<JsonNode> parked) throws Exception {
    for (JsonNode record : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(record)).statusCode()).isEqualTo(200);
    }
  }

  /** Publishes with the projections' consumer paused, so that it reads the records together. */
  private void readTogether(Runnable publish) {
    MessageListenerContainer consumer = listeners.getListenerContainer(PROJECTIONS);
    consumer.pause();
    try {
      eventually().until(consumer::isContainerPaused);
      publish.run();
    } finally {
      consumer.resume();
    }
  }

  private List<JsonNode> allParked() throws Exception {
    HttpResponse<String> listing = actuator("GET", "/actuator/parked?limit=1000");
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    QueryApi.json(listing.body()).get("records").forEach(found::add);
    return found;
  }

  private static long id(JsonNode parked) {
    return parked.get("id").asLong();
  }

  private HttpResponse<String> actuator(String method, String path) throws Exception {
    return ActuatorCalls.asOperator(port, method, path);
  }
}
