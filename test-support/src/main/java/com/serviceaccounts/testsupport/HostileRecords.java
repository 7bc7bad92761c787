// Over 300 lines: the catalogue of ways to break a record of the command side, each a few lines,
// beside the generator that draws them and the sender that writes them.
package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import io.cloudevents.kafka.CloudEventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Generated hostile records of the event topic, for the consumers' tests. */
public final class HostileRecords {

  /**
   * The headers of a record of the command side, but for the account's version and the company's
   * sequence: another number would be a gap, which waits.
   */
  private static final List<String> HEADERS =
      List.of(
          "ce_specversion",
          "ce_id",
          "ce_source",
          "ce_type",
          "ce_subject",
          "ce_time",
          "ce_dataschema",
          "content-type",
          "ce_" + EventEnvelopeCodec.COMPANY_ID,
          "ce_" + EventEnvelopeCodec.ACTOR,
          "ce_" + EventEnvelopeCodec.ACTOR_TYPE,
          "ce_" + EventEnvelopeCodec.CORRELATION_ID);

  private HostileRecords() {}

  /**
   * Tries {@code records} generated breakages on the consumer of the service at {@code port}: each
   * try sends the creation of an account of a new company ({@code hostile}), as the command side
   * writes it onto {@code partition} of {@code topic} but broken, and hands the test that account
   * and another of another company ({@code behind}) to send after it. Then asserts that some of the
   * records were parked: most are broken beyond reading, and a run that parked none tested nothing.
   * The parked records each try leaves are discarded as an operator does, so that the service's
   * health is UP again.
   */
  public static void tryEach(int records, int port, String topic, int partition, Try attempt)
      throws Exception {
    Parked parked = new Parked(port);
    try (Sender kafka = new Sender()) {
      for (Breakage breakage : breakages().sampleStream().limit(records).toList()) {
        TestAccount hostile = TestAccount.inANewCompany();
        kafka.send(breakage.of(asTheCommandSideWritesIt(topic, partition, hostile.created())));
        parked.account(attempt.of(breakage, hostile, TestAccount.inANewCompany()));
      }
    }
    parked.assertSomeWereParked();
  }

  /** One try, after its broken record was sent: what became of it. */
  @FunctionalInterface
  public interface Try {

    /**
     * @param hostile the account whose creation was the broken record
     * @param behind an account of another company, for the test to send after it
     * @return the open parked records the try left, none if the record was applied
     */
    List<Long> of(Breakage breakage, TestAccount hostile, TestAccount behind) throws Exception;
  }

  /** The accounts whose hostile record was parked with the next event behind it. */
  private static final class Parked {

    private static final Logger log = LoggerFactory.getLogger(Parked.class);

    private final int port;
    private int accounts;
    private int parked;

    private Parked(int port) {
      this.port = port;
    }

    private void account(List<Long> parkedRecords) throws Exception {
      accounts++;
      parked += parkedRecords.isEmpty() ? 0 : 1;
      for (long id : parkedRecords) {
        assertThat(ActuatorCalls.asOperator(port, "DELETE", "/actuator/parked/" + id).statusCode())
            .isEqualTo(200);
      }
    }

    private void assertSomeWereParked() {
      log.info(
          "{} of {} hostile records were parked with their account's next event", parked, accounts);
      assertThat(parked).isPositive();
    }
  }

  /** Sends records as they are to the tests' broker, each acknowledged before the next. */
  public static final class Sender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());

    public void send(ProducerRecord<String, byte[]> record) throws Exception {
      producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  /** The event onto {@code partition} of {@code topic}, headers and value as the command side's. */
  public static ProducerRecord<String, byte[]> asTheCommandSideWritesIt(
      String topic, int partition, EventEnvelope event) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value =
        new CloudEventSerializer()
            .serialize(topic, headers, new EventEnvelopeCodec().toCloudEvent(event));
    return new ProducerRecord<>(topic, partition, event.companyId().toString(), value, headers);
  }

  /** One thing broken in a record. */
  public interface Breakage {
    ProducerRecord<String, byte[]> of(ProducerRecord<String, byte[]> record);
  }

  /**
   * One thing broken in a record of the command side: an unknown type, a value of random bytes, cut
   * short or with a NUL in its text, a key that is not its company, a header missing or holding
   * random bytes (but the account's version and the company's sequence), numbers that leave a gap
   * no record will fill, a name no database index can hold.
   */
  public static Arbitrary<Breakage> breakages() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(2_000);
    Arbitrary<String> header = Arbitraries.of(HEADERS);
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(300).map(HostileRecords::type),
        bytes.map(HostileRecords::value),
        Arbitraries.integers().between(0, 400).map(HostileRecords::cutShort),
        Arbitraries.integers().between(0, 400).map(HostileRecords::nulAt),
        header.map(HostileRecords::without),
        Combinators.combine(header, bytes).as(HostileRecords::header),
        HostileInput.hostileStrings().map(HostileRecords::keyAndNoValue),
        Arbitraries.oneOf(
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.of("", "not a company"))
            .injectNull(0.2)
            .map(HostileRecords::keyedBy),
        Arbitraries.longs().between(3, Long.MAX_VALUE / 2).map(HostileRecords::ahead),
        Arbitraries.integers().between(10_000, 200_000).map(HostileRecords::nameOf));
  }

  /**
   * The account's version and the company's sequence at {@code number}: its predecessors never
   * come, so the record waits for them as long as a gap may fill, and no longer.
   */
  private static Breakage ahead(long number) {
    byte[] text = Long.toString(number).getBytes(StandardCharsets.UTF_8);
    return described(
        "account version and company sequence " + number,
        record ->
            replaced(
                replaced(record, "ce_" + EventEnvelopeCodec.ACCOUNT_VERSION, text),
                "ce_" + EventEnvelopeCodec.COMPANY_SEQUENCE,
                text));
  }

  /** A name of {@code length} characters that do not compress: beyond a B-tree index row. */
  private static Breakage nameOf(int length) {
    return described(
        "a name of " + length + " characters",
        record -> {
          StringBuilder name = new StringBuilder();
          while (name.length() < length) {
            name.append(UUID.randomUUID());
          }
          String json = new String(record.value(), StandardCharsets.UTF_8);
          return withValue(
              record, json.replaceFirst("\"name\":\"[^\"]*\"", "\"name\":\"" + name + "\""));
        });
  }

  /** Another key, and no value: the record is parked with the key it came with. */
  private static Breakage keyAndNoValue(String key) {
    return described(
        "key " + HostileInput.jsonString(key) + " and no value",
        record ->
            new ProducerRecord<>(
                record.topic(), record.partition(), key, new byte[0], record.headers()));
  }

  /** Keyed otherwise than by its company: by another company, by no company, or not at all. */
  private static Breakage keyedBy(String key) {
    return described(
        key == null ? "no key" : "key " + HostileInput.jsonString(key),
        record ->
            new ProducerRecord<>(
                record.topic(), record.partition(), key, record.value(), record.headers()));
  }

  private static Breakage type(String type) {
    return described(
        "type " + type,
        record -> replaced(record, "ce_type", type.getBytes(StandardCharsets.UTF_8)));
  }

  private static Breakage value(byte[] value) {
    return described(
        "value of " + value.length + " random bytes", record -> withValue(record, value));
  }

  private static Breakage cutShort(int at) {
    return described(
        "value cut at " + at,
        record ->
            withValue(record, Arrays.copyOf(record.value(), Math.min(at, record.value().length))));
  }

  /** A NUL in the value's text: in a JSON string, PostgreSQL's text cannot hold it. */
  private static Breakage nulAt(int at) {
    return described(
        "NUL escaped into the value's text at " + at,
        record -> {
          String json = new String(record.value(), StandardCharsets.UTF_8);
          int quote = json.indexOf('"', Math.min(at, json.length() - 1));
          return withValue(
              record,
              quote < 0
                  ? json
                  : json.substring(0, quote + 1) + "\\u0000" + json.substring(quote + 1));
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

  private static ProducerRecord<String, byte[]> withValue(
      ProducerRecord<String, byte[]> record, String json) {
    return withValue(record, json.getBytes(StandardCharsets.UTF_8));
  }

  private static ProducerRecord<String, byte[]> withValue(
      ProducerRecord<String, byte[]> record, byte[] value) {
    return new ProducerRecord<>(
        record.topic(), record.partition(), record.key(), value, record.headers());
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
