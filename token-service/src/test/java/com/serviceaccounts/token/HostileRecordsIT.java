package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.testsupport.ActuatorCalls;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import io.cloudevents.kafka.CloudEventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Generated hostile records on the event topic, each an account's creation as the command side
 * writes it with one thing broken: an unknown type, a value of random bytes, cut short or with a
 * NUL in its text, a header missing or holding random bytes (but the one that names the account,
 * {@code ce_subject}). The account's next event follows it. Whatever the record holds, the consumer
 * keeps moving (another account's creation behind them on the same partition gets its token), and
 * the account's two events are either both applied or both parked, the second behind the first.
 */
class HostileRecordsIT extends TokenServiceIntegrationTest {

  private static final int PARTITION = 2;
  private static final int RECORDS = 40;

  /**
   * The headers of a record of the command side, but for the account's version (another number
   * would be a gap, which waits) and the account it names.
   */
  private static final List<String> HEADERS =
      List.of(
          "ce_specversion",
          "ce_id",
          "ce_source",
          "ce_type",
          "ce_time",
          "ce_dataschema",
          "content-type",
          "ce_" + EventEnvelopeCodec.COMPANY_ID,
          "ce_" + EventEnvelopeCodec.COMPANY_SEQUENCE,
          "ce_" + EventEnvelopeCodec.ACTOR,
          "ce_" + EventEnvelopeCodec.ACTOR_TYPE,
          "ce_" + EventEnvelopeCodec.CORRELATION_ID);

  @Test
  void theConsumerMovesOnAfterEveryHostileRecordAndItsAccountIsAppliedOrParkedWhole()
      throws Exception {
    DefaultKafkaProducerFactory<String, byte[]> producers =
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    try {
      KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
      for (Breakage breakage : breakages().sampleStream().limit(RECORDS).toList()) {
        TestAccount hostile = TestAccount.inANewCompany();
        TestAccount behind = TestAccount.inANewCompany();
        kafka.send(breakage.of(asTheCommandSideWritesIt(hostile))).get(30, TimeUnit.SECONDS);
        feed.publish(PARTITION, hostile.secretRotated(Duration.ZERO));
        feed.publish(PARTITION, behind.created());

        eventually()
            .alias("the consumer moving on after a record with " + breakage)
            .until(
                () -> api.tokenWithBasic(behind.clientId, behind.secret()), r -> r.status() == 200);
        List<Long> parked = parked(hostile);
        assertThat(
                version(hostile) == 2 && parked.isEmpty()
                    || version(hostile) == 0 && parked.size() == 2)
            .as("%s: version %d, parked %s", breakage, version(hostile), parked)
            .isTrue();
        for (long id : parked) {
          assertThat(
                  ActuatorCalls.asOperator(port, "DELETE", "/actuator/parked/" + id).statusCode())
              .isEqualTo(200);
        }
      }
    } finally {
      producers.destroy();
    }
  }

  /** The account's creation, on {@link #PARTITION}, headers and value as the command side's. */
  private static ProducerRecord<String, byte[]> asTheCommandSideWritesIt(TestAccount account) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value =
        new CloudEventSerializer()
            .serialize(TOPIC, headers, new EventEnvelopeCodec().toCloudEvent(account.created()));
    return new ProducerRecord<>(TOPIC, PARTITION, account.companyId.toString(), value, headers);
  }

  private List<Long> parked(TestAccount account) {
    return jdbc.sql("SELECT id FROM parked_event WHERE account_id = ? AND state = 'PARKED'")
        .param(account.id)
        .query(Long.class)
        .list();
  }

  /** One thing broken in a record. */
  private interface Breakage {
    ProducerRecord<String, byte[]> of(ProducerRecord<String, byte[]> record);
  }

  private static Arbitrary<Breakage> breakages() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2_000);
    Arbitrary<String> header = Arbitraries.of(HEADERS);
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(300).map(HostileRecordsIT::type),
        bytes.map(HostileRecordsIT::value),
        Arbitraries.integers().between(0, 400).map(HostileRecordsIT::cutShort),
        Arbitraries.integers().between(0, 400).map(HostileRecordsIT::nulAt),
        header.map(HostileRecordsIT::without),
        Combinators.combine(header, bytes).as(HostileRecordsIT::header));
  }

  private static Breakage type(String type) {
    return described(
        "type " + type,
        record -> replaced(record, "ce_type", type.getBytes(StandardCharsets.UTF_8)));
  }

  private static Breakage value(byte[] value) {
    return described(
        "value of " + value.length + " random bytes",
        record ->
            new ProducerRecord<>(
                record.topic(), record.partition(), record.key(), value, record.headers()));
  }

  private static Breakage cutShort(int at) {
    return described(
        "value cut at " + at,
        record ->
            new ProducerRecord<>(
                record.topic(),
                record.partition(),
                record.key(),
                Arrays.copyOf(record.value(), Math.min(at, record.value().length)),
                record.headers()));
  }

  /** A NUL in the value's text: in a JSON string, PostgreSQL's text cannot hold it. */
  private static Breakage nulAt(int at) {
    return described(
        "NUL escaped into the value's text at " + at,
        record -> {
          String json = new String(record.value(), StandardCharsets.UTF_8);
          int quote = json.indexOf('"', Math.min(at, json.length() - 1));
          String broken =
              quote < 0
                  ? json
                  : json.substring(0, quote + 1) + "\\u0000" + json.substring(quote + 1);
          return new ProducerRecord<>(
              record.topic(),
              record.partition(),
              record.key(),
              broken.getBytes(StandardCharsets.UTF_8),
              record.headers());
        });
  }

  private static Breakage without(String header) {
    return described(
        "without " + header,
        record -> {
          RecordHeaders headers = new RecordHeaders(record.headers().toArray());
          headers.remove(header);
          return new ProducerRecord<>(
              record.topic(), record.partition(), record.key(), record.value(), headers);
        });
  }

  private static Breakage header(String header, byte[] value) {
    return described(
        header + " of " + value.length + " random bytes",
        record -> replaced(record, header, value));
  }

  private static ProducerRecord<String, byte[]> replaced(
      ProducerRecord<String, byte[]> record, String header, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    for (Header kept : record.headers()) {
      headers.add(kept.key(), kept.key().equals(header) ? value : kept.value());
    }
    return new ProducerRecord<>(
        record.topic(), record.partition(), record.key(), record.value(), headers);
  }

  private static Breakage described(String description, Breakage breakage) {
    return new Breakage() {
      @Override
      public ProducerRecord<String, byte[]> of(ProducerRecord<String, byte[]> record) {
        return breakage.of(record);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
