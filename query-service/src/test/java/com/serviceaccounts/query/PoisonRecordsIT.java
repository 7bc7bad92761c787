package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.testsupport.ActuatorCalls;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Poison records on the event topic — bytes that are no CloudEvent, a well-formed CloudEvent of a
 * type nobody knows — are set aside on the dead-letter topic with the reason, the consumer goes on
 * with the valid events behind them on the same partition, and an operator sees the dead letters at
 * {@code /actuator/deadletters} and can publish one on the event topic again.
 */
class PoisonRecordsIT extends QueryServiceIntegrationTest {

  /** The header with the exception and its cause, which the listing shows as the reason. */
  static final String REASON = "service-accounts-dlt-reason";

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Test
  void poisonRecordsAreDeadLetteredWithTheirReasonAndTheValidEventsBehindThemAreProjected()
      throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    // Keyed by company, as the command side keys records: all on one partition, in this order.
    String key = account.companyId.toString();
    String tail = "END-OF-POISON-" + UUID.randomUUID();
    byte[] notAnEvent =
        ("\u0000\u0001 not a CloudEvent " + "#".repeat(4_000) + tail)
            .getBytes(StandardCharsets.UTF_8);
    EventEnvelope created = account.created("Behind the poison");
    String unknownType = "com.serviceaccounts.ServiceAccountTeleported.v1";
    String unknownId = UUID.randomUUID().toString();

    feed.publishRaw(key, notAnEvent);
    feed.publish(
        key,
        CloudEventBuilder.v1(codec.toCloudEvent(created))
            .withId(unknownId)
            .withType(unknownType)
            .build());
    List<EventEnvelope> valid =
        List.of(
            created,
            account.renamed("Behind the poison", "Still behind"),
            account.renamed("Still behind", "Projected"));
    valid.forEach(feed::publish);
    int sent = 2 + valid.size();

    QueryApi.Response projected = awaitAccountAtVersion(account, valid.size());
    assertThat(projected.json().get("name").asString()).isEqualTo("Projected");
    long audited = auditRows(account.id);
    assertThat(audited).isEqualTo(valid.size());

    List<ConsumerRecord<String, byte[]>> letters;
    try (DeadLetters deadLetters =
        new DeadLetters(TestInfrastructure.get().kafkaBootstrapServers(), DEAD_LETTER_TOPIC)) {
      letters = eventually().until(() -> deadLetters.withKey(key), found -> found.size() == 2);
    }
    ConsumerRecord<String, byte[]> unreadable = letters.get(0);
    assertThat(unreadable.value()).isEqualTo(notAnEvent);
    assertThat(header(unreadable, KafkaHeaders.DLT_EXCEPTION_FQCN))
        .contains("DeserializationException");
    assertThat(header(unreadable, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
    assertThat(header(unreadable, REASON))
        .startsWith("DeserializationException: failed to deserialize (")
        .contains("Exception: ");
    ConsumerRecord<String, byte[]> unknown = letters.get(1);
    assertThat(header(unknown, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
        .contains("unknown event type " + unknownType);
    // The reason names what is wrong without quoting the record: its type is in its own header.
    assertThat(header(unknown, REASON))
        .isEqualTo("UnreadableEventException: unknown event type (…)");
    assertThat(header(unknown, "ce_id")).isEqualTo(unknownId);
    assertThat(unreadable.partition()).isEqualTo(unknown.partition());

    // What an operator sees: where, why, when, how big, and a short preview only.
    HttpResponse<String> listing = actuator("GET", "/actuator/deadletters");
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    assertThat(listing.body()).doesNotContain(tail).doesNotContain("#".repeat(100));
    JsonNode body = QueryApi.json(listing.body());
    assertThat(body.get("topic").asString()).isEqualTo(DEAD_LETTER_TOPIC);
    List<JsonNode> listed = withKey(body, key);
    assertThat(listed).hasSize(2);
    JsonNode first = listed.get(0);
    assertThat(first.get("partition").asInt()).isEqualTo(unreadable.partition());
    assertThat(first.get("offset").asLong()).isEqualTo(unreadable.offset());
    assertThat(first.get("reason").asString()).isEqualTo(header(unreadable, REASON));
    assertThat(first.get("exception").asString()).contains("DeserializationException");
    assertThat(first.get("size").asInt()).isEqualTo(notAnEvent.length);
    assertThat(first.get("preview").asString())
        .startsWith("?? not a CloudEvent ###")
        .hasSizeLessThanOrEqualTo(65);
    assertThat(first.get("timestamp").asString()).isNotBlank();
    assertThat(first.get("originalTopic").asString()).isEqualTo(TOPIC);
    JsonNode second = listed.get(1);
    assertThat(second.get("offset").asLong()).isEqualTo(unknown.offset());
    assertThat(second.get("reason").asString()).contains("unknown event type (…)");
    assertThat(second.get("eventType").asString()).isEqualTo(unknownType);
    assertThat(second.get("eventId").asString()).isEqualTo(unknownId);
    assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(actuator("GET", "/actuator/deadletters?limit=1").body())
        .satisfies(one -> assertThat(QueryApi.json(one).get("records")).hasSize(1));

    // Parked as well (ParkedRecordsIT); discarded, so that the service's health is UP again.
    JsonNode parked = QueryApi.json(actuator("GET", "/actuator/parked?limit=1000").body());
    int discarded = 0;
    for (JsonNode record : parked.get("records")) {
      if (key.equals(record.path("key").asString(null))) {
        assertThat(actuator("DELETE", "/actuator/parked/" + record.get("id").asLong()).statusCode())
            .isEqualTo(200);
        discarded++;
      }
    }
    assertThat(discarded).isEqualTo(2);

    System.out.printf(
        "poison records: sent %d records (2 poison, %d valid), all acknowledged by Kafka;"
            + " dead-lettered %d with their reason; projected %d (account at version %d, %d audit"
            + " entries); listed %d of %d dead letters, reasons: '%s', '%s'%n",
        sent,
        valid.size(),
        letters.size(),
        valid.size(),
        projected.json().get("version").asLong(),
        audited,
        listed.size(),
        body.get("total").asLong(),
        first.get("reason").asString(),
        second.get("reason").asString());
  }

  @Test
  void aDeadLetterPublishedAgainAfterTheFixIsProjectedOnce() throws Exception {
    // A valid event that was set aside (say, before a fix of the consumer), put on the DLT by hand.
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Set aside, then replayed");
    String key = account.companyId.toString();
    putOnTheDeadLetterTopic(key, created, "simulated: unknown event type before the fix");
    JsonNode letter =
        eventually()
            .until(
                () -> withKey(QueryApi.json(actuator("GET", "/actuator/deadletters").body()), key),
                found -> found.size() == 1)
            .get(0);
    assertThat(letter.get("reason").asString()).startsWith("simulated");
    assertThat(api.account(account.companyId, account.id).status()).isEqualTo(404);

    int partition = letter.get("partition").asInt();
    long offset = letter.get("offset").asLong();
    HttpResponse<String> replayed =
        actuator("POST", "/actuator/deadletters/" + partition + "/" + offset);
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    JsonNode replay = QueryApi.json(replayed.body());
    assertThat(replay.at("/publishedTo/topic").asString()).isEqualTo(TOPIC);
    assertThat(replay.at("/replayed/offset").asLong()).isEqualTo(offset);
    assertThat(awaitAccountAtVersion(account, 1).json().get("name").asString())
        .isEqualTo("Set aside, then replayed");

    // Once more: the consumer skips the duplicate; the dead letter stays where it was.
    HttpResponse<String> again =
        actuator("POST", "/actuator/deadletters/" + partition + "/" + offset);
    assertThat(again.statusCode()).isEqualTo(200);
    Thread.sleep(1_000);
    assertThat(auditRows(account.id)).isEqualTo(1);
    assertThat(listingRows(account.id)).isEqualTo(1);

    HttpResponse<String> nothingThere = actuator("POST", "/actuator/deadletters/0/999999999");
    HttpResponse<String> noSuchPartition = actuator("POST", "/actuator/deadletters/99/0");
    assertThat(nothingThere.statusCode()).as(nothingThere.body()).isEqualTo(404);
    assertThat(noSuchPartition.statusCode()).isEqualTo(404);
    assertThat(actuator("GET", "/actuator/deadletters", "").statusCode()).isEqualTo(401);

    System.out.printf(
        "dead-letter replay: put 1 valid event on %s by hand (partition %d, offset %d); replayed"
            + " twice to %s; projected once (%d listing row, %d audit entry); unknown positions"
            + " answered %d and %d%n",
        DEAD_LETTER_TOPIC,
        partition,
        offset,
        replay.at("/publishedTo/topic").asString(),
        listingRows(account.id),
        auditRows(account.id),
        nothingThere.statusCode(),
        noSuchPartition.statusCode());
  }

  /** Writes the record the recoverer would have written: the CloudEvent, plus a reason. */
  private void putOnTheDeadLetterTopic(String key, EventEnvelope event, String reason)
      throws Exception {
    var cloudEvent = codec.toCloudEvent(event);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(DEAD_LETTER_TOPIC, key, cloudEvent.getData().toBytes());
      // Binary mode: the attributes as ce_ headers, as the recoverer copies them.
      try (var serializer = new io.cloudevents.kafka.CloudEventSerializer()) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        serializer.serialize(DEAD_LETTER_TOPIC, headers, cloudEvent);
        headers.forEach(header -> record.headers().add(header));
      }
      record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(reason));
      record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(TOPIC));
      producer.send(record).get();
    }
  }

  private HttpResponse<String> actuator(String method, String path) throws Exception {
    return ActuatorCalls.asOperator(port, method, path);
  }

  private HttpResponse<String> actuator(String method, String path, String authorization)
      throws Exception {
    return ActuatorCalls.send(port, method, path, authorization);
  }

  private static List<JsonNode> withKey(JsonNode listing, String key) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode letter : listing.get("records")) {
      if (key.equals(letter.path("key").asString(null))) {
        found.add(letter);
      }
    }
    return found;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
