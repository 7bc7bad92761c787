package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.ParkedRecordHeaders;
import com.serviceaccounts.events.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records the consumers parked (table {@code parked_record}): a record that failed for a reason
 * that will not pass is kept here as received, and its partition moves on. While a company has an
 * open parked record on the event topic, its later events are parked behind it, so that its events
 * are never applied out of order. An operator lists them ({@link ParkedRecordsEndpoint}), re-drives
 * them once the cause is fixed (they are published again on their topic, with the header {@value
 * ParkedRecordHeaders#PARKED_ID}, and closed when the consumer has applied them), or discards them.
 */
@Component
class ParkedRecords {

  static final int MAX_REASON = 1_000;

  private static final Logger log = LoggerFactory.getLogger(ParkedRecords.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ParkedRecords.class);
  private static final DeadLetterValueSerializer VALUES = new DeadLetterValueSerializer();

  private final JdbcClient jdbc;
  private final EventIntakeProperties properties;
  private final KafkaTemplate<Object, Object> template;
  private final MeterRegistry meters;

  ParkedRecords(
      JdbcClient jdbc,
      EventIntakeProperties properties,
      KafkaTemplate<Object, Object> deadLetterTemplate,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.template = deadLetterTemplate;
    this.meters = meters;
  }

  /**
   * Parks the record: a new row, or, for a re-driven record that failed again, its own row with the
   * new reason (it keeps its place in its company's order).
   */
  @Transactional
  void park(ConsumerRecord<?, ?> record, Exception failure) {
    String reason = printable(FailedRecordLog.reason(failure), MAX_REASON);
    Long redriven = parkedId(record);
    int updated =
        redriven == null
            ? 0
            : jdbc.sql(
                    """
                    UPDATE parked_record SET reason = :reason, attempts = attempts + 1,
                           parked_at = now(), state = 'PARKED', closed_at = NULL
                     WHERE id = :id AND state <> 'DISCARDED'
                    """)
                .param("reason", reason)
                .param("id", redriven)
                .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO parked_record (topic, partition, record_offset, record_key, company_id,
                                         holds_company, reason, value, headers)
              VALUES (:topic, :partition, :offset, :key, :company, :holds, :reason, :value,
                      :headers)
              """)
          .param("topic", record.topic())
          .param("partition", record.partition())
          .param("offset", record.offset())
          .param("key", keyBytes(record))
          .param("company", companyOf(record))
          .param("holds", readable(failure))
          .param("reason", reason)
          .param("value", valueBytes(record, failure))
          .param("headers", encode(record.headers()))
          .update();
    }
    // service_accounts_records_parked_total{topic}
    meters.counter("service_accounts.records.parked", "topic", record.topic()).increment();
  }

  /**
   * The open parked records of these companies on the event topic, oldest first: what their next
   * events may have to wait behind.
   */
  Map<UUID, Deque<Open>> openOnEventTopic(Collection<UUID> companies) {
    Map<UUID, Deque<Open>> open = new HashMap<>();
    if (companies.isEmpty()) {
      return open;
    }
    jdbc.sql(
            """
            SELECT company_id, id, holds_company FROM parked_record
             WHERE state = 'PARKED' AND topic = :topic AND company_id IN (:companies)
             ORDER BY id
            """)
        .param("topic", properties.topic())
        .param("companies", companies)
        .query(
            (row, i) -> {
              open.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayDeque<>())
                  .add(new Open(row.getLong(2), row.getBoolean(3)));
              return null;
            })
        .list();
    return open;
  }

  /**
   * An open parked record of a company on the event topic.
   *
   * @param holdsCompany whether the company's later events wait behind it (an event the database
   *     refused); if not (a record that did not read as an event), only those that wait for a
   *     predecessor do
   */
  record Open(long id, boolean holdsCompany) {}

  /** Closes the parked row of a re-driven record that has now been applied; nothing otherwise. */
  void applied(ConsumerRecord<?, ?> record) {
    Long id = parkedId(record);
    if (id != null) {
      closeApplied(id);
    }
  }

  void closeApplied(long id) {
    int closed =
        jdbc.sql(
                """
                UPDATE parked_record SET state = 'REDRIVEN', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """)
            .param("id", id)
            .update();
    if (closed == 1) {
      log.info("parked record #{} applied after its re-drive", id);
    }
  }

  /** The id of the parked row a re-driven record came from; null for any other record. */
  static Long parkedId(ConsumerRecord<?, ?> record) {
    return ParkedRecordHeaders.parkedId(record.headers());
  }

  /** Open parked records per topic. */
  Map<String, Long> openByTopic() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT topic, count(*) FROM parked_record WHERE state = 'PARKED'"
                + " GROUP BY topic ORDER BY topic")
        .query(
            (row, i) -> {
              counts.put(row.getString(1), row.getLong(2));
              return null;
            })
        .list();
    return counts;
  }

  /** The oldest {@code limit} open parked records. */
  List<Parked> open(int limit) {
    return jdbc.sql("SELECT * FROM parked_record WHERE state = 'PARKED' ORDER BY id LIMIT :limit")
        .param("limit", limit)
        .query(ParkedRecords::parked)
        .list();
  }

  /**
   * Publishes the open parked record on its topic again; for the event topic, every open parked
   * record of its company, oldest first, since each waits for the one before it. They stay open
   * until the consumer has applied them.
   *
   * @return the records published, or empty if there is no such open parked record
   */
  Optional<List<Parked>> redrive(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Stored parked = found.get();
    List<Stored> chain =
        parked.companyId() == null || !parked.topic().equals(properties.topic())
            ? List.of(parked)
            : jdbc.sql(
                    """
                    SELECT * FROM parked_record
                     WHERE state = 'PARKED' AND topic = :topic AND company_id = :company
                     ORDER BY id
                    """)
                .param("topic", parked.topic())
                .param("company", parked.companyId())
                .query(ParkedRecords::stored)
                .list();
    List<Parked> published = new ArrayList<>();
    for (Stored each : chain) {
      RecordHeaders headers = ParkedRecordHeaders.forRedrive(each.headers(), each.id());
      String key = each.key() == null ? null : new String(each.key(), StandardCharsets.UTF_8);
      try {
        // One at a time, so that they are on the topic in their order.
        template
            .send(new ProducerRecord<>(each.topic(), null, key, each.value(), headers))
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while re-driving #" + each.id(), e);
      } catch (Exception e) {
        throw new IllegalStateException(
            "Kafka did not acknowledge the re-drive of #" + each.id(), e);
      }
      log.info(
          "parked record #{} ({}-{}@{}) re-driven",
          each.id(),
          each.topic(),
          each.partition(),
          each.offset());
      published.add(each.view());
    }
    return Optional.of(published);
  }

  /**
   * Discards the open parked record for good: it is no longer listed nor counted. A discarded event
   * is never applied, so its company's later events stay parked behind it until they are discarded
   * too (ADR 0001).
   */
  Optional<Parked> discard(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    int closed =
        jdbc.sql(
                """
                UPDATE parked_record SET state = 'DISCARDED', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """)
            .param("id", id)
            .update();
    if (closed == 0) {
      return Optional.empty();
    }
    Stored parked = found.get();
    log.warn(
        "parked record #{} ({}-{}@{}) discarded by an operator",
        id,
        parked.topic(),
        parked.partition(),
        parked.offset());
    return Optional.of(parked.view());
  }

  private Optional<Stored> stored(long id) {
    return jdbc.sql("SELECT * FROM parked_record WHERE id = :id AND state = 'PARKED'")
        .param("id", id)
        .query(ParkedRecords::stored)
        .optional();
  }

  /** The company of a record of the event topic: its key (the command side keys them so). */
  private UUID companyOf(ConsumerRecord<?, ?> record) {
    if (!record.topic().equals(properties.topic()) || !(record.key() instanceof String key)) {
      return null;
    }
    try {
      return UUID.fromString(key);
    } catch (IllegalArgumentException notACompany) {
      return null;
    }
  }

  /**
   * Whether the record read as an event: only then is its place in its company's sequence known,
   * and it holds its company's later events (ADR 0001).
   */
  private static boolean readable(Exception failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException || cause instanceof UnreadableEventException) {
        return false;
      }
    }
    return true;
  }

  private static byte[] keyBytes(ConsumerRecord<?, ?> record) {
    return record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The value as received: the bytes that did not deserialize, or the value serialized back. */
  private static byte[] valueBytes(ConsumerRecord<?, ?> record, Exception failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException unreadable) {
        return unreadable.getData();
      }
    }
    if (record.value() == null) {
      DeserializationException unreadable =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
      return unreadable == null ? null : unreadable.getData();
    }
    return VALUES.serialize(record.topic(), record.value());
  }

  /** Text safe for a text column and a log line: no control characters, at most {@code max}. */
  static String printable(String text, int max) {
    StringBuilder printable = new StringBuilder(Math.min(text.length(), max));
    text.codePoints()
        .limit(max)
        .forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return printable.toString();
  }

  /** The headers a re-drive publishes again: all but the deserializer's and the recoverer's own. */
  private static byte[] encode(Iterable<Header> headers) {
    return ParkedRecordHeaders.encode(
        headers,
        key ->
            !key.startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)
                && !key.startsWith(KafkaHeaders.PREFIX + "dlt-")
                && !key.equals(DeadLetterRecords.REASON));
  }

  private static Parked parked(ResultSet row, int i) throws SQLException {
    return stored(row, i).view();
  }

  private static Stored stored(ResultSet row, int i) throws SQLException {
    return new Stored(
        row.getLong("id"),
        row.getString("topic"),
        row.getInt("partition"),
        row.getLong("record_offset"),
        row.getBytes("record_key"),
        row.getObject("company_id", UUID.class),
        row.getString("reason"),
        row.getBytes("value"),
        row.getBytes("headers"),
        row.getObject("parked_at", OffsetDateTime.class).toInstant().toString(),
        row.getInt("attempts"));
  }

  private record Stored(
      long id,
      String topic,
      int partition,
      long offset,
      byte[] key,
      UUID companyId,
      String reason,
      byte[] value,
      byte[] headers,
      String parkedAt,
      int attempts) {

    Parked view() {
      return new Parked(
          id,
          topic,
          partition,
          offset,
          key == null ? null : DeadLetterRecords.preview(key),
          companyId,
          reason,
          parkedAt,
          attempts,
          value == null ? 0 : value.length,
          DeadLetterRecords.preview(value));
    }
  }

  /**
   * One parked record as operators see it: where it came from, why it was parked, when, how many
   * times, its size and a short preview of its value; never its whole value.
   */
  record Parked(
      long id,
      String topic,
      int partition,
      long offset,
      String key,
      UUID companyId,
      String reason,
      String parkedAt,
      int attempts,
      int size,
      String preview) {}
}
