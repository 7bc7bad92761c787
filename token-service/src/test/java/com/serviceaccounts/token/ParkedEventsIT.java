package com.serviceaccounts.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.ParkedRecordHeaders;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.testsupport.ActuatorCalls;
import com.serviceaccounts.testsupport.HostileRecords;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import com.serviceaccounts.testsupport.TopicReader;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event the credentials store refuses for good is parked: the other accounts' events behind it
 * on the same partition are applied, so their new secrets work; the parked account's later events
 * are parked behind it, not applied out of order; the health says PARKED. Operators, and only they,
 * list the parked events at {@code /actuator/parked}, re-drive them once the cause is fixed (each
 * applied exactly once, in order) or discard them (the health is UP again).
 */
class ParkedEventsIT extends TokenServiceIntegrationTest {

  @Autowired KafkaListenerEndpointRegistry listeners;

  private static final int PARTITION = 0;
  private static final int OTHER_PARTITION = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void anEventThatCannotBeStoredIsParkedAndOtherAccountsSecretsKeepWorking() throws Exception {
    TestAccount held = TestAccount.inANewCompany();
    feed.publish(PARTITION, held.created());
    awaitServed(held);
    String firstSecret = held.secret();

    TestAccount other = TestAccount.inANewCompany();
    // U+0000 in a permission's tool, which no event may hold (nor jsonb): refused however often it
    // comes. Sent as the command side would write it but for the NUL.
    ProducerRecord<String, byte[]> permissions =
        HostileRecords.asTheCommandSideWritesIt(
            TOPIC, PARTITION, held.permissions("tool", PermissionLevel.ADMIN));
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(
          new ProducerRecord<>(
              TOPIC,
              PARTITION,
              permissions.key(),
              new String(permissions.value(), StandardCharsets.UTF_8)
                  .replace("\"tool\"", "\"tool\\u0000\"")
                  .getBytes(StandardCharsets.UTF_8),
              permissions.headers()));
    }
    feed.publish(PARTITION, held.secretRotated(Duration.ZERO));
    feed.publish(PARTITION, other.created());

    eventually()
        .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
    eventually().until(() -> parkedEvents(held), parked -> parked == 2);
    assertThat(
            jdbc.sql(
                    "SELECT reason FROM parked_event WHERE account_id = ? ORDER BY id DESC LIMIT 1")
                .param(held.id)
                .query(String.class)
                .single())
        .contains("waits behind parked event");
    // The rotation was not applied ahead of the refused event: the first secret still works.
    assertThat(api.tokenWithBasic(held.clientId, held.secret()).status()).isEqualTo(401);
    assertThat(api.tokenWithBasic(held.clientId, firstSecret).status()).isEqualTo(200);
    assertThat(parkedHealth()).isEqualTo("PARKED");
    // Its count per topic, for an operator's token (anybody sees only the status).
    assertThat(
            JSON.readTree(actuator("GET", "/actuator/health/parked").body())
                .path("details")
                .path("open")
                .path(TOPIC)
                .asLong())
        .isPositive();
    assertThat(
            JSON.readTree(actuator("GET", "/actuator/health/parked", null).body()).has("details"))
        .isFalse();

    List<JsonNode> parked = listed(held);
    assertThat(parked).hasSize(2);
    assertThat(parked.get(0).get("topic").asText()).isEqualTo(TOPIC);
    assertThat(parked.get(0).get("partition").asInt()).isEqualTo(PARTITION);
    assertThat(parked.get(0).get("key").asText()).isEqualTo(held.companyId.toString());
    // Why, in the database's words, but not the statement's values (a secret's hash among them).
    assertThat(parked.get(0).get("reason").asText())
        .contains("tool must not contain control characters (found U+0000)")
        .doesNotContain("sha256:");
    assertThat(parked.get(0).get("preview").asText()).doesNotContain("\u0000");
    assertThat(parked.get(1).get("reason").asText())
        .contains("waits behind parked event #" + id(parked.get(0)));

    for (JsonNode event : parked) {
      HttpResponse<String> discarded = actuator("DELETE", "/actuator/parked/" + id(event));
      assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
      assertThat(JSON.readTree(discarded.body()).at("/discarded/id").asLong()).isEqualTo(id(event));
    }
    assertThat(listed(held)).isEmpty();
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked.get(0))).statusCode())
        .isEqualTo(404);
    assertThat(states(held)).containsExactly("DISCARDED", "DISCARDED");
    assertThat(parkedHealth()).isEqualTo("UP");
    // Discarded, never applied: the account keeps the credentials of its last applied event.
    assertThat(api.tokenWithBasic(held.clientId, firstSecret).status()).isEqualTo(200);
  }

  @Test
  void reDrivenAfterTheFixTheAccountsParkedEventsAreAppliedOnceInOrder() throws Exception {
    TestAccount held = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    feed.publish(PARTITION, held.created());
    awaitServed(held);
    String firstSecret = held.secret();
    refuseChangesOf(held);
    List<JsonNode> parked;
    try {
      feed.publish(PARTITION, held.permissions("reports", PermissionLevel.ADMIN));
      feed.publish(PARTITION, held.secretRotated(Duration.ZERO));
      feed.publish(PARTITION, other.created());
      eventually()
          .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
      parked = eventually().until(() -> listed(held), p -> p.size() == 2);
    } finally {
      jdbc.sql("ALTER TABLE client_credentials DROP CONSTRAINT parked_events_it").update();
    }
    assertThat(parked.get(0).get("reason").asText()).contains("parked_events_it");
    assertThat(parked.get(1).get("offset").asLong())
        .isGreaterThan(parked.get(0).get("offset").asLong());
    assertThat(api.tokenWithBasic(held.clientId, held.secret()).status()).isEqualTo(401);

    HttpResponse<String> redriven = actuator("POST", "/actuator/parked/" + id(parked.get(0)));
    assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
    JsonNode published = JSON.readTree(redriven.body()).get("published");
    assertThat(published).hasSize(2);
    assertThat(published.get(0).get("id").asLong()).isEqualTo(id(parked.get(0)));
    assertThat(published.get(1).get("id").asLong()).isEqualTo(id(parked.get(1)));

    // The rotation (version 3) came after the permission change (version 2): its secret works.
    TokenApi.Response token =
        eventually()
            .until(() -> api.tokenWithBasic(held.clientId, held.secret()), r -> r.status() == 200);
    assertThat(token.accessToken()).isNotBlank();
    assertThat(api.tokenWithBasic(held.clientId, firstSecret).status()).isEqualTo(401);
    eventually().until(() -> states(held), s -> s.equals(List.of("REDRIVEN", "REDRIVEN")));
    assertThat(
            jdbc.sql("SELECT version FROM client_credentials WHERE account_id = ?")
                .param(held.id)
                .query(Long.class)
                .single())
        .isEqualTo(3);
    assertThat(
            jdbc.sql("SELECT permissions::text FROM client_credentials WHERE account_id = ?")
                .param(held.id)
                .query(String.class)
                .single())
        .contains("reports");
    // Each was let through once: none was parked again, and they are closed for good.
    assertThat(
            jdbc.sql("SELECT max(attempts) FROM parked_event WHERE account_id = ?")
                .param(held.id)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(listed(held)).isEmpty();
    assertThat(actuator("POST", "/actuator/parked/" + id(parked.get(0))).statusCode())
        .isEqualTo(404);
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void eventsHeldAroundTheReDriveOfTheirParkedEventAreParkedInOrderWithoutDeadLetters()
      throws Exception {
    TestAccount held = TestAccount.inANewCompany();
    feed.publish(held.created());
    awaitServed(held);
    refuseChangesOf(held);
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    try {
      feed.publish(held.deactivated());
      JsonNode deactivation = eventually().until(() -> listed(held), p -> p.size() == 1).get(0);
      // On the partition of the company's key, as the re-drive publishes, read together once the
      // consumer resumes: the reactivation, held behind the parked deactivation; the deactivation's
      // re-drive, applied; a rename, held behind the reactivation.
      consumer.pause();
      try {
        eventually().until(consumer::isContainerPaused);
        feed.publish(held.reactivated());
        HttpResponse<String> redriven = actuator("POST", "/actuator/parked/" + id(deactivation));
        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
        jdbc.sql("ALTER TABLE client_credentials DROP CONSTRAINT parked_events_it").update();
        feed.publish(held.renamed("account " + held.id, "Behind the reactivation"));
      } finally {
        consumer.resume();
      }
      eventually()
          .until(() -> states(held), s -> s.equals(List.of("REDRIVEN", "PARKED", "PARKED")));
      List<JsonNode> parked = listed(held);
      assertThat(parked.get(0).get("reason").asText())
          .contains("waits behind parked event #" + id(deactivation));
      assertThat(parked.get(1).get("reason").asText())
          .contains("waits behind parked event #" + id(parked.get(0)));
      assertThat(version(held)).isEqualTo(2);
      // The deactivation went through the error handler to the dead letters; the held ones did not.
      assertThat(
              TopicReader.every(
                  TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".token-service.DLT"))
          .filteredOn(letter -> held.companyId.toString().equals(letter.key()))
          .hasSize(1);

      HttpResponse<String> redriven = actuator("POST", "/actuator/parked/" + id(parked.get(0)));
      assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
      eventually().until(() -> version(held), version -> version == 4);
      // In the reactivation's second the client is told to come back (503), then served.
      assertThat(
              eventually()
                  .until(
                      () -> api.tokenWithBasic(held.clientId, held.secret()).status(),
                      status -> status != 503))
          .isEqualTo(200);
      assertThat(listed(held)).isEmpty();
      assertThat(parkedHealth()).isEqualTo("UP");
    } finally {
      jdbc.sql("ALTER TABLE client_credentials DROP CONSTRAINT IF EXISTS parked_events_it")
          .update();
    }
  }

  @Test
  void aRecordThatWaitsForItsPredecessorHoldsUpNoOtherPartition() throws Exception {
    TestAccount gapped = TestAccount.inANewCompany();
    gapped.created(); // version 1, never published: version 2 waits for it, then is parked
    EventEnvelope waits = gapped.renamed("account " + gapped.id, "Waits");
    feed.publish(PARTITION, waits);
    // While the waiting record backs off, its partition is paused, not the consumer that reads
    // every partition: another partition's account is served meanwhile.
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    TopicPartition waiting = new TopicPartition(TOPIC, PARTITION);
    eventually().until(() -> consumer.isPartitionPaused(waiting));
    TestAccount other = TestAccount.inANewCompany();
    feed.publish(OTHER_PARTITION, other.created());
    eventually()
        .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
    assertThat(parkedEvents(gapped)).as("parked before the other partition's account").isZero();
    List<JsonNode> parked = eventually().until(() -> listed(gapped), p -> p.size() == 1);
    assertThat(parked.get(0).get("reason").asText()).contains("the account is unknown");
    // A copy of it, published again, is held behind its own row: the row counts the attempt and
    // keeps why the record first failed (it said the record waited behind itself).
    feed.publish(PARTITION, waits);
    parked =
        eventually()
            .until(
                () -> listed(gapped), p -> p.size() == 1 && p.get(0).get("attempts").asInt() == 2);
    assertThat(parked.get(0).get("reason").asText()).contains("the account is unknown");
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked.get(0))).statusCode())
        .isEqualTo(200);
  }

  /** No command side writes either: a purge ends a deleted account, and is its last event. */
  @Test
  void aPurgeOfAnAccountNotDeletedAndAnEventAfterAPurgeAreParked() throws Exception {
    TestAccount active = TestAccount.inANewCompany();
    feed.publish(PARTITION, active.created());
    awaitServed(active);
    feed.publish(PARTITION, active.purged());
    JsonNode notDeleted = eventually().until(() -> listed(active), p -> p.size() == 1).get(0);
    assertThat(notDeleted.get("reason").asText())
        .contains("a purge is of a deleted account, not ACTIVE");
    assertThat(api.tokenWithBasic(active.clientId, active.secret()).status()).isEqualTo(200);

    TestAccount gone = TestAccount.inANewCompany();
    feed.publish(PARTITION, gone.created(), gone.deleted(AccountStatus.ACTIVE), gone.purged());
    eventually()
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM purged_account WHERE account_id = ?")
                    .param(gone.id)
                    .query(Long.class)
                    .single(),
            purged -> purged == 1);
    feed.publish(PARTITION, gone.secretRotated(Duration.ZERO));
    JsonNode afterPurge = eventually().until(() -> listed(gone), p -> p.size() == 1).get(0);
    assertThat(afterPurge.get("reason").asText()).contains("the account was purged at version 3");
    assertThat(api.tokenWithBasic(gone.clientId, gone.secret()).status()).isEqualTo(401);

    for (JsonNode parked : List.of(notDeleted, afterPurge)) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aCreationWithAnotherAccountsClientIdIsParkedSayingSo() throws Exception {
    TestAccount first = TestAccount.inANewCompany();
    TestAccount second = TestAccount.withClientId(first.clientId);
    feed.publish(PARTITION, first.created());
    awaitServed(first);
    // No command side writes it: a client id names one account.
    feed.publish(PARTITION, second.created());
    JsonNode parked = eventually().until(() -> listed(second), p -> p.size() == 1).get(0);
    assertThat(parked.get("reason").asText()).contains("its client id is another account's");
    assertThat(parked.get("attempts").asInt()).isEqualTo(1);
    assertThat(api.tokenWithBasic(first.clientId, first.secret()).status()).isEqualTo(200);
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void anEventOfAnotherCompanyNamingAnAccountIsParkedAndTheAccountKeepsWorking() throws Exception {
    TestAccount victim = TestAccount.inANewCompany();
    feed.publish(PARTITION, victim.created());
    awaitServed(victim);
    // The account's next version, in another company's order: no command side writes it.
    UUID other = UUID.randomUUID();
    EventEnvelope real = victim.deactivated();
    EventEnvelope forged =
        new EventEnvelope(
            real.eventId(),
            real.type(),
            real.accountId(),
            other,
            real.version(),
            1,
            real.occurredAt(),
            real.actor(),
            real.actorType(),
            real.correlationId(),
            new ServiceAccountDeactivated(victim.id, other));
    feed.publish(PARTITION, forged);
    JsonNode parked = eventually().until(() -> listed(victim), p -> p.size() == 1).get(0);
    assertThat(parked.get("reason").asText()).contains("the account is another company's");
    assertThat(version(victim)).isEqualTo(1);
    assertThat(api.tokenWithBasic(victim.clientId, victim.secret()).status()).isEqualTo(200);
    // It holds none of the account's real events: the deactivation stops its tokens at once.
    feed.publish(PARTITION, real);
    eventually().until(() -> version(victim), version -> version == 2);
    assertThat(api.tokenWithBasic(victim.clientId, victim.secret()).status()).isEqualTo(401);
    assertThat(listed(victim)).hasSize(1);
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRecordThatDoesNotReadHoldsNoneOfTheAccountItNames() throws Exception {
    TestAccount victim = TestAccount.inANewCompany();
    feed.publish(PARTITION, victim.created());
    awaitServed(victim);
    EventEnvelope deactivated = victim.deactivated();
    // The account's next version with its subject and company headers, but of a type nobody
    // knows, one keyed by another company, one by the account's: no command side writes either,
    // and anybody who can write to the topic can write them naming any account.
    List<ProducerRecord<String, byte[]>> forged = new ArrayList<>();
    for (String key : List.of(UUID.randomUUID().toString(), victim.companyId.toString())) {
      ProducerRecord<String, byte[]> record =
          HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, deactivated);
      record.headers().remove("ce_type");
      record.headers().add("ce_type", "com.serviceaccounts.Forged.v1".getBytes(UTF_8));
      forged.add(new ProducerRecord<>(TOPIC, PARTITION, key, record.value(), record.headers()));
    }
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      for (ProducerRecord<String, byte[]> record : forged) {
        kafka.send(record);
      }
    }
    List<JsonNode> parked = eventually().until(() -> listed(victim), p -> p.size() == 2);

    feed.publish(PARTITION, deactivated);
    eventually().until(() -> version(victim), version -> version == 2);
    assertThat(api.tokenWithBasic(victim.clientId, victim.secret()).status()).isEqualTo(401);
    for (JsonNode record : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(record)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anEventOfAnotherCompanyNamingAnAccountBeforeItsCreationHoldsNoneOfItsEvents()
      throws Exception {
    TestAccount victim = TestAccount.inANewCompany();
    EventEnvelope created = victim.created();
    EventEnvelope deactivated = victim.deactivated();
    // The account's version 2 in another company's order, before the account exists here: it
    // waits for the account's creation, then is parked as an event of that other company.
    UUID other = UUID.randomUUID();
    EventEnvelope forged =
        new EventEnvelope(
            UUID.randomUUID(),
            deactivated.type(),
            deactivated.accountId(),
            other,
            deactivated.version(),
            1,
            deactivated.occurredAt(),
            deactivated.actor(),
            deactivated.actorType(),
            deactivated.correlationId(),
            new ServiceAccountDeactivated(victim.id, other));
    feed.publish(PARTITION, forged);
    JsonNode parked = eventually().until(() -> listed(victim), p -> p.size() == 1).get(0);
    assertThat(parked.get("companyId").asText()).isEqualTo(other.toString());

    feed.publish(PARTITION, created);
    awaitServed(victim);
    feed.publish(PARTITION, deactivated);
    eventually().until(() -> version(victim), version -> version == 2);
    assertThat(api.tokenWithBasic(victim.clientId, victim.secret()).status()).isEqualTo(401);
    assertThat(listed(victim)).extracting(ParkedEventsIT::id).containsExactly(id(parked));
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
  }

  @Test
  void aReDriveIsPublishedOnceAndACopyDiscardedOnItsWayIsNotApplied() throws Exception {
    TestAccount held = TestAccount.inANewCompany();
    feed.publish(PARTITION, held.created());
    awaitServed(held);
    refuseChangesOf(held);
    JsonNode parked;
    try {
      feed.publish(PARTITION, held.deactivated());
      parked = eventually().until(() -> listed(held), p -> p.size() == 1).get(0);
    } finally {
      jdbc.sql("ALTER TABLE client_credentials DROP CONSTRAINT parked_events_it").update();
    }
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    consumer.pause();
    try {
      eventually().until(consumer::isContainerPaused);
      ActuatorCalls.reDriveTwiceThenDiscard(port, id(parked));
    } finally {
      consumer.resume();
    }
    // An account of the company published after the copy, on its partition (by key).
    TestAccount later = TestAccount.inCompany(held.companyId);
    feed.publish(later.created());
    eventually()
        .until(() -> api.tokenWithBasic(later.clientId, later.secret()), r -> r.status() == 200);
    // The deactivation was discarded: never applied, not parked again.
    assertThat(version(held)).isEqualTo(1);
    assertThat(api.tokenWithBasic(held.clientId, held.secret()).status()).isEqualTo(200);
    assertThat(listed(held)).isEmpty();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aCopyOfARecordDiscardedHereThatTheOtherServiceReDrivesIsDropped() throws Exception {
    TestAccount held = TestAccount.inANewCompany();
    feed.publish(PARTITION, held.created());
    awaitServed(held);
    ProducerRecord<String, byte[]> deactivation =
        HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, held.deactivated());
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      refuseChangesOf(held);
      JsonNode parked;
      try {
        kafka.send(deactivation);
        parked = eventually().until(() -> listed(held), p -> p.size() == 1).get(0);
      } finally {
        jdbc.sql("ALTER TABLE client_credentials DROP CONSTRAINT parked_events_it").update();
      }
      assertThat(actuator("DELETE", "/actuator/parked/" + id(parked)).statusCode()).isEqualTo(200);
      // query-service parked it too, and re-drives its own copy: the same record, with its header.
      RecordHeaders headers = new RecordHeaders(deactivation.headers().toArray());
      headers.add(
          ParkedRecordHeaders.PARKED_ID, "query-service:7".getBytes(StandardCharsets.UTF_8));
      kafka.send(
          new ProducerRecord<>(
              TOPIC, PARTITION, deactivation.key(), deactivation.value(), headers));
    }
    // An account of the company published after the copy, on its partition: read after it.
    TestAccount later = TestAccount.inCompany(held.companyId);
    feed.publish(PARTITION, later.created());
    awaitServed(later);
    // Discarded here: never applied, not parked again.
    assertThat(version(held)).isEqualTo(1);
    assertThat(api.tokenWithBasic(held.clientId, held.secret()).status()).isEqualTo(200);
    assertThat(states(held)).containsExactly("DISCARDED");
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void anEventWithTheVersionOfAnotherAppliedBeforeIsParkedNotSkippedAsADuplicate()
      throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(PARTITION, account.created());
    EventEnvelope renamed = account.renamed("account " + account.id, "Renamed");
    // Another event at the rename's version, applied first: an event store restored to an earlier
    // point and written again would give one version to two events.
    String other = UUID.randomUUID().toString();
    feed.publish(PARTITION, CloudEventBuilder.v1(feed.cloudEvent(renamed)).withId(other).build());
    eventually().until(() -> version(account), version -> version == 2);
    feed.publish(PARTITION, renamed);

    discardParkedConflict(account, renamed, other);
    // A redelivery of the event applied is still a duplicate, skipped.
    feed.publish(PARTITION, CloudEventBuilder.v1(feed.cloudEvent(renamed)).withId(other).build());
    nothingParkedBehind(account);
  }

  @Test
  void aFloodOfEventsTheirAccountsCannotTakeIsParkedInItsPollWithoutWaiting() throws Exception {
    int flood = 300;
    List<TestAccount> accounts = new ArrayList<>();
    for (int i = 0; i < flood; i++) {
      TestAccount account = TestAccount.inANewCompany();
      accounts.add(account);
      feed.publish(PARTITION, account.created());
    }
    TestAccount victim = TestAccount.inANewCompany();
    feed.publish(PARTITION, victim.created());
    awaitServed(victim);
    // Each a second event at its account's version 1, which no command side writes, and a real
    // deactivation behind them: parked in the polls that read them, not sent through the error
    // handler one poll each (half a second apiece, and a dead letter).
    MessageListenerContainer consumer = listeners.getListenerContainer("client-credentials");
    consumer.pause();
    try {
      eventually().until(consumer::isContainerPaused);
      for (TestAccount account : accounts) {
        EventEnvelope renamed = account.renamed("account " + account.id, "Forged");
        feed.publish(
            PARTITION,
            CloudEventBuilder.v1(feed.cloudEvent(renamed))
                .withId(UUID.randomUUID().toString())
                .withExtension(EventEnvelopeCodec.ACCOUNT_VERSION, "1")
                .build());
      }
      feed.publish(PARTITION, victim.deactivated());
    } finally {
      consumer.resume();
    }

    eventually().until(() -> version(victim), version -> version == 2);
    assertThat(api.tokenWithBasic(victim.clientId, victim.secret()).status()).isEqualTo(401);
    List<JsonNode> parked = new ArrayList<>();
    for (TestAccount account : accounts) {
      parked.addAll(eventually().until(() -> listed(account), p -> p.size() == 1));
      assertThat(version(account)).isEqualTo(1);
    }
    assertThat(parked)
        .allSatisfy(
            record ->
                assertThat(record.get("reason").asText())
                    .startsWith("ConflictingEventException")
                    .contains("two events have one number"));
    List<String> companies = accounts.stream().map(a -> a.companyId.toString()).toList();
    assertThat(
            TopicReader.every(
                TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".token-service.DLT"))
        .noneMatch(letter -> companies.contains(letter.key()));
    for (JsonNode record : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(record)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anEventWithTheVersionOfAnEarlierAppliedOneIsParkedNotSkippedAsADuplicate() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created();
    feed.publish(PARTITION, created);
    EventEnvelope deactivated = account.deactivated();
    EventEnvelope renamed = account.renamed("account " + account.id, "Renamed");
    // Two other events at versions 2 and 3, applied before the real version 2: the account is past
    // version 2 when its deactivation arrives, which must not be skipped as a redelivery.
    String other = UUID.randomUUID().toString();
    feed.publish(
        PARTITION,
        CloudEventBuilder.v1(feed.cloudEvent(renamed))
            .withId(other)
            .withExtension(EventEnvelopeCodec.ACCOUNT_VERSION, "2")
            .build());
    feed.publish(PARTITION, renamed);
    eventually().until(() -> version(account), version -> version == 3);
    feed.publish(PARTITION, deactivated);

    discardParkedConflict(account, deactivated, other);
    // Redeliveries of the events applied, at any of the versions, are still skipped.
    feed.publish(PARTITION, created);
    feed.publish(PARTITION, renamed);
    nothingParkedBehind(account);
  }

  /**
   * Waits for the event to be parked as a second event of the number of {@code other}; discards it.
   */
  private void discardParkedConflict(TestAccount account, EventEnvelope event, String other)
      throws Exception {
    List<JsonNode> parked = eventually().until(() -> listed(account), p -> p.size() == 1);
    assertThat(parked.get(0).get("reason").asText())
        .contains(event.eventId().toString())
        .contains("which is event " + other)
        .contains("two events have one number");
    assertThat(actuator("DELETE", "/actuator/parked/" + id(parked.get(0))).statusCode())
        .isEqualTo(200);
  }

  /**
   * Once an account created after what was published is served, nothing of the account is parked.
   */
  private void nothingParkedBehind(TestAccount account) throws Exception {
    TestAccount behind = TestAccount.inANewCompany();
    feed.publish(PARTITION, behind.created());
    eventually()
        .until(() -> api.tokenWithBasic(behind.clientId, behind.secret()), r -> r.status() == 200);
    assertThat(listed(account)).isEmpty();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aRecordKeyedByAnotherCompanyHoldsNothingAndTheAccountsRealEventPasses() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(PARTITION, account.created());
    EventEnvelope renamed = account.renamed("account " + account.id, "Renamed");
    ProducerRecord<String, byte[]> asWritten =
        HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, renamed);
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(
          new ProducerRecord<>(
              TOPIC,
              PARTITION,
              UUID.randomUUID().toString(),
              asWritten.value(),
              asWritten.headers()));
    }
    Long parked =
        eventually()
            .until(
                () ->
                    jdbc.sql(
                            "SELECT id FROM parked_event WHERE company_id = ? AND state = 'PARKED'"
                                + " AND account_id IS NULL")
                        .param(account.companyId)
                        .query(Long.class)
                        .optional()
                        .orElse(null),
                id -> id != null);
    assertThat(
            jdbc.sql("SELECT reason FROM parked_event WHERE id = ?")
                .param(parked)
                .query(String.class)
                .single())
        .contains("its record's key is not its company");
    // The account's real event, keyed by its company, is not held behind it.
    feed.publish(PARTITION, renamed);
    eventually().until(() -> version(account), version -> version == 2);
    assertThat(listed(account)).isEmpty();
    assertThat(actuator("DELETE", "/actuator/parked/" + parked).statusCode()).isEqualTo(200);
  }

  @Test
  void anEventOfATypeThisServiceDoesNotKnowHasItsAccountsLaterEventsParkedBehindIt()
      throws Exception {
    TestAccount unknown = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // Version 1 of its account, of a type this service does not know (say, from a newer command
    // side): it does not read, so version 2 would wait for it forever.
    feed.publish(
        PARTITION,
        CloudEventBuilder.v1(feed.cloudEvent(unknown.created()))
            .withType("com.serviceaccounts.ServiceAccountTeleported.v1")
            .build());
    feed.publish(PARTITION, unknown.secretRotated(Duration.ZERO));
    feed.publish(PARTITION, other.created());

    eventually()
        .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
    List<JsonNode> parked = eventually().until(() -> listed(unknown), p -> p.size() == 2);
    assertThat(parked.get(0).get("reason").asText()).contains("unknown event type");
    assertThat(parked.get(1).get("reason").asText())
        .contains("waits behind parked event #" + id(parked.get(0)));
    assertThat(version(unknown)).isZero();

    for (JsonNode event : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id(event)).statusCode()).isEqualTo(200);
    }
    assertThat(listed(unknown)).isEmpty();
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aRecordThatNamesNoAccountHoldsItsCompanysEventsThatWaitForAPredecessor() throws Exception {
    TestAccount unnamed = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    // The account's creation, its subject header lost: it does not read, and names no account.
    ProducerRecord<String, byte[]> created =
        HostileRecords.asTheCommandSideWritesIt(TOPIC, PARTITION, unnamed.created());
    created.headers().remove("ce_subject");
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(created);
    }
    feed.publish(PARTITION, unnamed.secretRotated(Duration.ZERO));
    feed.publish(PARTITION, other.created());

    eventually()
        .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
    List<Long> parked =
        jdbc.sql(
                "SELECT id FROM parked_event WHERE company_id = ? AND state = 'PARKED' ORDER BY id")
            .param(unnamed.companyId)
            .query(Long.class)
            .list();
    assertThat(parked).hasSize(2);
    assertThat(
            jdbc.sql("SELECT reason FROM parked_event WHERE id = ?")
                .param(parked.get(1))
                .query(String.class)
                .single())
        .contains("waits behind parked event #" + parked.get(0));
    assertThat(version(unnamed)).isZero();
    for (long id : parked) {
      assertThat(actuator("DELETE", "/actuator/parked/" + id).statusCode()).isEqualTo(200);
    }
    assertThat(parkedHealth()).isEqualTo("UP");
  }

  @Test
  void aRecordThatIsNoEventIsAmongTheDeadLettersOperatorsListAndPublishAgain() throws Exception {
    String key = UUID.randomUUID().toString();
    try (HostileRecords.Sender kafka = new HostileRecords.Sender()) {
      kafka.send(
          new ProducerRecord<>(
              TOPIC, PARTITION, key, "not an event".getBytes(StandardCharsets.UTF_8)));
    }

    JsonNode letter = eventually().until(() -> deadLetter(key), found -> found != null);
    assertThat(letter.get("originalTopic").asText()).isEqualTo(TOPIC);
    assertThat(letter.get("reason").asText()).isNotBlank();
    HttpResponse<String> again =
        actuator(
            "POST",
            "/actuator/deadletters/" + letter.get("partition") + "/" + letter.get("offset"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).at("/publishedTo/topic").asText()).isEqualTo(TOPIC);
    assertThat(actuator("POST", "/actuator/deadletters/0/999999999").statusCode()).isEqualTo(404);
    assertThat(
            actuator("GET", "/actuator/deadletters", TestTokens.companyAdmin(UUID.randomUUID()))
                .statusCode())
        .isEqualTo(403);
    // Parked as it came; the copy published again counts on the same row.
    List<Integer> attempts =
        eventually()
            .until(
                () ->
                    jdbc.sql(
                            "SELECT attempts FROM parked_event"
                                + " WHERE record_key = ? AND state = 'PARKED'")
                        .param(key)
                        .query(Integer.class)
                        .list(),
                found -> found.equals(List.of(2)));
    long open =
        jdbc.sql("SELECT id FROM parked_event WHERE record_key = ? AND state = 'PARKED'")
            .param(key)
            .query(Long.class)
            .single();
    assertThat(actuator("DELETE", "/actuator/parked/" + open).statusCode()).isEqualTo(200);
  }

  /** The dead letter with {@code key}, as {@code /actuator/deadletters} lists it, or null. */
  private JsonNode deadLetter(String key) throws Exception {
    JsonNode listing = JSON.readTree(actuator("GET", "/actuator/deadletters?limit=1000").body());
    for (JsonNode letter : listing.get("records")) {
      if (key.equals(letter.path("key").asText())) {
        return letter;
      }
    }
    return null;
  }

  @Test
  void onlyOperatorsReachTheParkedEvents() throws Exception {
    HttpResponse<String> anonymous = actuator("GET", "/actuator/parked", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .get()
        .asString()
        .startsWith("Bearer");
    assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).get("code").asText()).isEqualTo("unauthenticated");

    // Refused as no token is: an untrusted key, an expiry passed, or the operator's subject from an
    // issuer not trusted for people or without exp.
    Map<String, String> refused =
        Map.of(
            "signed by another key",
            TestTokens.signedByAnotherKey(UUID.randomUUID()),
            "expired",
            TestTokens.expired(UUID.randomUUID()),
            "the operator's, of an issuer not trusted for people",
            TestTokens.changed(
                UUID.randomUUID(),
                claims -> claims.subject(TestTokens.OPERATOR).issuer("https://elsewhere.example")),
            "the operator's, without exp",
            TestTokens.changed(
                UUID.randomUUID(),
                claims -> claims.subject(TestTokens.OPERATOR).expirationTime(null)));
    for (Map.Entry<String, String> token : refused.entrySet()) {
      assertThat(actuator("GET", "/actuator/parked", token.getValue()).statusCode())
          .as(token.getKey())
          .isEqualTo(401);
    }

    // A valid token of somebody who is not an operator, even a company's admin.
    for (String method : List.of("GET", "POST", "DELETE")) {
      String path = method.equals("GET") ? "/actuator/parked" : "/actuator/parked/1";
      HttpResponse<String> notAnOperator =
          actuator(method, path, TestTokens.companyAdmin(UUID.randomUUID()));
      assertThat(notAnOperator.statusCode()).as(method).isEqualTo(403);
      assertThat(notAnOperator.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(JSON.readTree(notAnOperator.body()).get("type").asText())
          .isEqualTo("urn:service-accounts:problem:not-an-operator");
      assertThat(JSON.readTree(notAnOperator.body()).get("code").asText())
          .isEqualTo("not-an-operator");
    }
    // The token service's own access tokens: a service account is never an operator.
    TestAccount account = TestAccount.inANewCompany();
    String accessToken = activeAccount(account);
    assertThat(actuator("GET", "/actuator/parked", "Bearer " + accessToken).statusCode())
        .isEqualTo(401);

    assertThat(actuator("GET", "/actuator/parked", TestTokens.operator()).statusCode())
        .isEqualTo(200);
    assertThat(actuator("DELETE", "/actuator/parked/999999999", TestTokens.operator()).statusCode())
        .isEqualTo(404);
    // Health, info and metrics stay open.
    for (String open : List.of("/actuator/health", "/actuator/info", "/actuator/prometheus")) {
      assertThat(actuator("GET", open, null).statusCode()).as(open).isEqualTo(200);
    }
  }

  /** Waits until the account's secret gets tokens. */
  private void awaitServed(TestAccount account) {
    eventually()
        .until(
            () -> api.tokenWithBasic(account.clientId, account.secret()), r -> r.status() == 200);
  }

  /** Refuses every change of the account's row, whatever event it comes from, until dropped. */
  private void refuseChangesOf(TestAccount account) {
    jdbc.sql(
            "ALTER TABLE client_credentials ADD CONSTRAINT parked_events_it CHECK (account_id <> '"
                + account.id
                + "') NOT VALID")
        .update();
  }

  private long parkedEvents(TestAccount account) {
    return jdbc.sql("SELECT count(*) FROM parked_event WHERE account_id = ?")
        .param(account.id)
        .query(Long.class)
        .single();
  }

  private List<String> states(TestAccount account) {
    return jdbc.sql("SELECT state FROM parked_event WHERE account_id = ? ORDER BY id")
        .param(account.id)
        .query(String.class)
        .list();
  }

  /** The account's open parked events, as {@code /actuator/parked} lists them. */
  private List<JsonNode> listed(TestAccount account) throws Exception {
    HttpResponse<String> listing = actuator("GET", "/actuator/parked?limit=1000");
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode parked : JSON.readTree(listing.body()).get("records")) {
      if (account.id.toString().equals(parked.path("accountId").asText(null))) {
        found.add(parked);
      }
    }
    return found;
  }

  private String parkedHealth() throws Exception {
    return JSON.readTree(actuator("GET", "/actuator/health/parked", null).body())
        .get("status")
        .asText();
  }

  private static long id(JsonNode parked) {
    return parked.get("id").asLong();
  }

  private HttpResponse<String> actuator(String method, String path) throws Exception {
    return ActuatorCalls.asOperator(port, method, path);
  }

  private HttpResponse<String> actuator(String method, String path, String authorization)
      throws Exception {
    return ActuatorCalls.send(port, method, path, authorization);
  }
}
