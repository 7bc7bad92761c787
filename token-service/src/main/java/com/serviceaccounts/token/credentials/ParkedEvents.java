package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.ParkedRecordHeaders;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events the credentials consumer parked (table {@code parked_event}; their copies are on the
 * dead-letter topic). {@code /actuator/health/parked} is PARKED while any is open; an account with
 * an open parked event has its later events parked behind it ({@link ParkedBehindException}), so
 * that no event of it is applied out of order and the partition keeps moving. An operator lists
 * them ({@link ParkedEventsEndpoint}), re-drives them once the cause is fixed (published again on
 * the event topic with the header {@value ParkedRecordHeaders#PARKED_ID}, and closed in the
 * transaction that applies them), or discards them (ADR 0001).
 */
@Component("parked")
class ParkedEvents implements HealthIndicator {

  static final int MAX_REASON = 1_000;
  private static final int PREVIEW_CHARACTERS = 200;

  private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ParkedEvents.class);
  private static final DeadLetterValueSerializer VALUES = new DeadLetterValueSerializer();

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final JdbcClient jdbc;
  private final MeterRegistry meters;
  private final KafkaTemplate<Object, Object> template;

  ParkedEvents(
      JdbcClient jdbc, MeterRegistry meters, KafkaTemplate<Object, Object> deadLetterTemplate) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.template = deadLetterTemplate;
  }

  /**
   * Parks the record: a new row, or, for a re-driven record that failed again, its own row with the
   * new reason (it keeps its place in its account's order).
   */
  @Transactional
  void park(ConsumerRecord<?, ?> record, Exception failure, String reason) {
    String printableReason = printable(reason, MAX_REASON);
    Long redriven = parkedId(record);
    int updated =
        redriven == null
            ? 0
            : jdbc.sql(
                    """
                    UPDATE parked_event SET reason = :reason, attempts = attempts + 1,
                           parked_at = now(), state = 'PARKED', closed_at = NULL
                     WHERE id = :id AND state <> 'DISCARDED'
                    """)
                .param("reason", printableReason)
                .param("id", redriven)
                .update();
    if (updated == 0) {
      Optional<EventEnvelope> event = eventOf(record);
      jdbc.sql(
              """
              INSERT INTO parked_event (account_id, company_id, topic, partition, record_offset,
                                        record_key, reason, value, headers)
              VALUES (:account, :company, :topic, :partition, :offset, :key, :reason, :value,
                      :headers)
              """)
          .param("account", event.map(EventEnvelope::accountId).orElse(null))
          .param("company", event.map(EventEnvelope::companyId).orElse(null))
          .param("topic", record.topic())
          .param("partition", record.partition())
          .param("offset", record.offset())
          .param("key", record.key() == null ? null : record.key().toString())
          .param("reason", printableReason)
          .param("value", valueBytes(record, failure))
          .param("headers", encode(record.headers()))
          .update();
    }
    // service_accounts_records_parked_total{topic}
    meters.counter("service_accounts.records.parked", "topic", record.topic()).increment();
  }

  /** The oldest open parked event of the account, if any. */
  Long openFor(UUID accountId) {
    return jdbc.sql(
            "SELECT min(id) FROM parked_event WHERE account_id = :account AND state = 'PARKED'")
        .param("account", accountId)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  /**
   * Closes the parked row of a re-driven event that has now been applied, in the caller's
   * transaction.
   */
  void closeApplied(long id) {
    int closed =
        jdbc.sql(
                """
                UPDATE parked_event SET state = 'REDRIVEN', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """)
            .param("id", id)
            .update();
    if (closed == 1) {
      log.info("parked event #{} applied after its re-drive", id);
    }
  }

  /** The id of the parked row a re-driven record came from; null for any other record. */
  static Long parkedId(ConsumerRecord<?, ?> record) {
    return ParkedRecordHeaders.parkedId(record.headers());
  }

  @Override
  public Health health() {
    Map<String, Long> open = openByTopic();
    return (open.isEmpty() ? Health.up() : Health.status(new Status("PARKED")))
        .withDetail("open", open)
        .build();
  }

  /** Open parked events per topic. */
  Map<String, Long> openByTopic() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT topic, count(*) FROM parked_event WHERE state = 'PARKED'"
                + " GROUP BY topic ORDER BY topic")
        .query(
            (row, i) -> {
              counts.put(row.getString(1), row.getLong(2));
              return null;
            })
        .list();
    return counts;
  }

  /** The oldest {@code limit} open parked events. */
  List<Parked> open(int limit) {
    return jdbc.sql("SELECT * FROM parked_event WHERE state = 'PARKED' ORDER BY id LIMIT :limit")
        .param("limit", limit)
        .query((row, i) -> stored(row).view())
        .list();
  }

  /**
   * Publishes the open parked event on its topic again, with every open parked event of its
   * account, oldest first, since each waits for the one before it. They stay open until the
   * consumer has applied them.
   *
   * @return the records published, or empty if there is no such open parked event
   * @throws NotRedrivableException if one of them was parked without its value
   */
  Optional<List<Parked>> redrive(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Stored parked = found.get();
    List<Stored> chain =
        parked.accountId() == null
            ? List.of(parked)
            : jdbc.sql(
                    """
                    SELECT * FROM parked_event
                     WHERE state = 'PARKED' AND account_id = :account ORDER BY id
                    """)
                .param("account", parked.accountId())
                .query((row, i) -> stored(row))
                .list();
    for (Stored each : chain) {
      if (each.value() == null) {
        throw new NotRedrivableException(each.id());
      }
    }
    List<Parked> published = new ArrayList<>();
    for (Stored each : chain) {
      RecordHeaders headers = ParkedRecordHeaders.forRedrive(each.headers(), each.id());
      try {
        // One at a time, so that they are on the topic in their order.
        template
            .send(new ProducerRecord<>(each.topic(), null, each.key(), each.value(), headers))
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while re-driving #" + each.id(), e);
      } catch (Exception e) {
        throw new IllegalStateException(
            "Kafka did not acknowledge the re-drive of #" + each.id(), e);
      }
      log.info(
          "parked event #{} ({}-{}@{}) re-driven",
          each.id(),
          each.topic(),
          each.partition(),
          each.offset());
      published.add(each.view());
    }
    return Optional.of(published);
  }

  /**
   * Discards the open parked event for good: it is no longer listed nor counted. A discarded event
   * is never applied, so its account's later events stay parked behind it until they are discarded
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
                UPDATE parked_event SET state = 'DISCARDED', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """)
            .param("id", id)
            .update();
    if (closed == 0) {
      return Optional.empty();
    }
    Stored parked = found.get();
    log.warn(
        "parked event #{} ({}-{}@{}) discarded by an operator",
        id,
        parked.topic(),
        parked.partition(),
        parked.offset());
    return Optional.of(parked.view());
  }

  /** A parked event stored before its value was kept: it can be discarded, not re-driven. */
  static class NotRedrivableException extends RuntimeException {
    NotRedrivableException(long id) {
      super(
          "parked event #%d was parked without its value; re-publish its copy from the dead-letter topic, then discard it"
              .formatted(id));
    }
  }

  private Optional<Stored> stored(long id) {
    return jdbc.sql("SELECT * FROM parked_event WHERE id = :id AND state = 'PARKED'")
        .param("id", id)
        .query((row, i) -> stored(row))
        .optional();
  }

  private Optional<EventEnvelope> eventOf(ConsumerRecord<?, ?> record) {
    if (!(record.value() instanceof CloudEvent event)) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.fromCloudEvent(event));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
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

  /** Text safe for a text column, a log line and a listing: no control characters, bounded. */
  static String printable(String text, int max) {
    StringBuilder printable = new StringBuilder(Math.min(text.length(), max));
    text.codePoints()
        .limit(max)
        .forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return printable.toString();
  }

  /**
   * The headers a re-drive publishes again (the {@code ce_*} attributes of a binary CloudEvent,
   * among others): all but the deserializer's and the recoverer's own.
   */
  private static byte[] encode(Iterable<Header> headers) {
    return ParkedRecordHeaders.encode(
        headers,
        key ->
            !key.startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)
                && !key.startsWith(KafkaHeaders.PREFIX + "dlt-"));
  }

  private static Stored stored(ResultSet row) throws SQLException {
    return new Stored(
        row.getLong("id"),
        row.getString("topic"),
        row.getInt("partition"),
        row.getLong("record_offset"),
        row.getString("record_key"),
        row.getObject("account_id", UUID.class),
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
      String key,
      UUID accountId,
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
          key == null ? null : printable(key, PREVIEW_CHARACTERS),
          companyId,
          accountId,
          reason,
          parkedAt,
          attempts,
          value == null ? 0 : value.length,
          value == null
              ? null
              : printable(
                  new String(
                      value,
                      0,
                      Math.min(value.length, 4 * PREVIEW_CHARACTERS),
                      StandardCharsets.UTF_8),
                  PREVIEW_CHARACTERS));
    }
  }

  /**
   * One parked event as operators see it, in the shape of query-service's parked records, plus the
   * account it holds: where it came from, why it was parked, when, how many times, its size and a
   * short preview of its value; never its whole value.
   */
  record Parked(
      long id,
      String topic,
      int partition,
      long offset,
      String key,
      UUID companyId,
      UUID accountId,
      String reason,
      String parkedAt,
      int attempts,
      int size,
      String preview) {}
}
