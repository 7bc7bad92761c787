package com.serviceaccounts.intake;

import com.serviceaccounts.events.ParkedRecordHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads the dead-letter topic ({@code <topic>.DLT}) for operators and puts a dead letter back on
 * the event topic once its cause is fixed. It reads outside the consumer group, from a consumer of
 * its own per call, so it never moves the projections' offsets. A listing shows where each record
 * is, why it was set aside and a short preview of its value, never the whole value.
 */
class DeadLetterRecords {

  /** The header with why a record was set aside: the exception and, where it helps, its cause. */
  static final String REASON = FailedRecordLog.REASON_HEADER;

  /** The header that marks a record put back on the event topic, and where it came from. */
  static final String REPLAYED_FROM = ParkedRecordHeaders.REPLAYED_FROM;

  static final int MAX_LISTED = 1_000;

  private static final Logger log = LoggerFactory.getLogger(DeadLetterRecords.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final EventIntakeProperties properties;
  private final KafkaProperties kafka;
  private final KafkaTemplate<Object, Object> template;

  DeadLetterRecords(
      EventIntakeProperties properties,
      KafkaProperties kafka,
      KafkaTemplate<Object, Object> deadLetterTemplate) {
    this.properties = properties;
    this.kafka = kafka;
    this.template = deadLetterTemplate;
  }

  String name() {
    return properties.deadLetterTopic();
  }

  /**
   * The newest {@code limit} dead letters (of all partitions), oldest first, and how many in all.
   */
  Listing list(int limit) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty()) {
        return new Listing(name(), 0, List.of());
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long total = 0;
      List<TopicPartition> unread = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        long first = beginning.get(partition);
        long last = end.get(partition);
        total += last - first;
        if (last > first) {
          consumer.seek(partition, Math.max(first, last - limit));
          unread.add(partition);
        }
      }
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!unread.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        unread.removeIf(partition -> consumer.position(partition) >= end.get(partition));
      }
      List<DeadLetter> letters =
          records.stream()
              .sorted(
                  Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp())
                      .thenComparingInt(ConsumerRecord::partition)
                      .thenComparingLong(ConsumerRecord::offset))
              .map(DeadLetterRecords::describe)
              .toList();
      return new Listing(
          name(), total, letters.subList(Math.max(0, letters.size() - limit), letters.size()));
    }
  }

  /**
   * Publishes the dead letter at {@code partition}/{@code offset} on the event topic again, with
   * its key, value and headers (but the dead-letter headers), and the header {@value
   * #REPLAYED_FROM}. Kafka picks the partition by key, as for the command side's records. A record
   * that is still unreadable comes back to the dead-letter topic; one that was already applied is
   * skipped as a duplicate.
   *
   * @return where it was published, or empty if the dead-letter topic has no such record
   */
  Optional<Replay> replay(int partition, long offset) {
    Optional<ConsumerRecord<String, byte[]>> found = read(partition, offset);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConsumerRecord<String, byte[]> letter = found.get();
    RecordHeaders headers = new RecordHeaders();
    for (Header header : letter.headers()) {
      if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().equals(REASON)) {
        headers.add(header);
      }
    }
    String origin = name() + "-" + partition + "@" + offset;
    headers.add(REPLAYED_FROM, origin.getBytes(StandardCharsets.UTF_8));
    try {
      RecordMetadata sent =
          template
              .send(
                  new ProducerRecord<>(
                      properties.topic(), null, letter.key(), letter.value(), headers))
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .getRecordMetadata();
      log.info(
          "dead letter {} (key {}) published again on {}-{}@{}",
          origin,
          letter.key(),
          sent.topic(),
          sent.partition(),
          sent.offset());
      return Optional.of(
          new Replay(
              describe(letter), new Position(sent.topic(), sent.partition(), sent.offset())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + origin, e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not acknowledge the replay of " + origin, e);
    }
  }

  private Optional<ConsumerRecord<String, byte[]>> read(int partition, long offset) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      TopicPartition wanted = new TopicPartition(name(), partition);
      if (!partitions(consumer).contains(wanted)) {
        return Optional.empty();
      }
      consumer.assign(List.of(wanted));
      long first = consumer.beginningOffsets(List.of(wanted), TIMEOUT).get(wanted);
      long end = consumer.endOffsets(List.of(wanted), TIMEOUT).get(wanted);
      if (offset < first || offset >= end) {
        return Optional.empty();
      }
      consumer.seek(wanted, offset);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          // The first record at or after the offset: no record there if it is a later one.
          return record.offset() == offset ? Optional.of(record) : Optional.empty();
        }
        if (consumer.position(wanted) > offset) {
          return Optional.empty();
        }
      }
      throw new IllegalStateException(
          "could not read " + name() + "-" + partition + "@" + offset + " within " + TIMEOUT);
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(name(), TIMEOUT);
    return infos == null
        ? List.of()
        : infos.stream().map(info -> new TopicPartition(name(), info.partition())).toList();
  }

  /** A consumer outside any group, which commits nothing. */
  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-dead-letters");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
    byte[] value = record.value();
    return new DeadLetter(
        record.partition(),
        record.offset(),
        record.key(),
        Optional.ofNullable(header(record, REASON))
            .orElseGet(() -> header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
        header(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
        header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
        header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
        number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
        number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
        header(record, "ce_type"),
        header(record, "ce_id"),
        header(record, REPLAYED_FROM),
        Instant.ofEpochMilli(record.timestamp()).toString(),
        value == null ? 0 : value.length,
        RecordText.preview(value));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** spring-kafka writes the original partition and offset as big-endian binary numbers. */
  private static Long number(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null || header.value() == null) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(header.value());
    return switch (header.value().length) {
      case Integer.BYTES -> (long) bytes.getInt();
      case Long.BYTES -> bytes.getLong();
      default -> null;
    };
  }

  /** What the listing shows of the dead-letter topic. */
  record Listing(String topic, long total, List<DeadLetter> records) {}

  /**
   * One dead letter: where it is, why it is there ({@code reason}: {@value #REASON}, or
   * spring-kafka's exception message for records set aside before that header existed), where it
   * came from, when it was set aside, its size in bytes and a short preview; never its whole value.
   */
  record DeadLetter(
      int partition,
      long offset,
      String key,
      String reason,
      String exception,
      String cause,
      String originalTopic,
      Long originalPartition,
      Long originalOffset,
      String eventType,
      String eventId,
      String replayedFrom,
      String timestamp,
      int size,
      String preview) {}

  /** A dead letter published again, and where it went. */
  record Replay(DeadLetter replayed, Position publishedTo) {}

  record Position(String topic, int partition, long offset) {}
}
