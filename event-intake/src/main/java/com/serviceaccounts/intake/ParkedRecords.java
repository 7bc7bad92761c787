package com.serviceaccounts.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.ParkedRecordHeaders;
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
import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records the consumers parked (the strategy's table, {@link ParkingStrategy}): a record that
 * failed for a reason that will not pass is kept here as received, and its partition moves on.
 * While a company or an account (what the record holds) has an open parked record, its later events
 * are parked behind it ({@link ParkedBehindException}), so that its events are never applied out of
 * order. An operator lists them ({@link ParkedRecordsEndpoint}), re-drives them once the cause is
 * fixed (they are published again on their topic, with the header {@value
 * ParkedRecordHeaders#PARKED_ID}, and closed when the consumer has applied them), or discards them
 * (ADR 0001).
 */
public class ParkedRecords {

  static final int MAX_REASON = 1_000;

  private static final Logger log = LoggerFactory.getLogger(ParkedRecords.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ParkedRecords.class);
  private static final DeadLetterValueSerializer VALUES = new DeadLetterValueSerializer();

  private final JdbcClient jdbc;
  private final ParkingStrategy strategy;
  private final String table;
  private final KafkaTemplate<Object, Object> template;
  private final MeterRegistry meters;

  ParkedRecords(
      JdbcClient jdbc,
      ParkingStrategy strategy,
      KafkaTemplate<Object, Object> deadLetterTemplate,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.strategy = strategy;
    this.table = strategy.table();
    this.template = deadLetterTemplate;
    this.meters = meters;
  }

  /**
   * Parks the record: a new row, or, for a re-driven record that failed again, its own row with the
   * new reason (it keeps its place in its holder's order).
   */
  @Transactional
  public void park(ConsumerRecord<?, ?> record, Exception failure) {
    String reason = RecordText.printable(FailedRecordLog.reason(failure), MAX_REASON);
    Long redriven = parkedId(record);
    int updated =
        redriven == null
            ? 0
            : jdbc.sql(
                    """
                    UPDATE %s SET reason = :reason, attempts = attempts + 1,
                           parked_at = now(), state = 'PARKED', closed_at = NULL
                     WHERE id = :id AND state <> 'DISCARDED'
                    """
                        .formatted(table))
                .param("reason", reason)
                .param("id", redriven)
                .update();
    if (updated == 0) {
      Map<String, Object> columns = new LinkedHashMap<>(strategy.columns(record, failure));
      columns.put("topic", record.topic());
      columns.put("partition", record.partition());
      columns.put("record_offset", record.offset());
      columns.put("reason", reason);
      columns.put("value", valueBytes(record, failure));
      columns.put("headers", encode(record.headers()));
      jdbc.sql(
              "INSERT INTO %s (%s) VALUES (:%s)"
                  .formatted(
                      table,
                      String.join(", ", columns.keySet()),
                      String.join(", :", columns.keySet())))
          .params(columns)
          .update();
    }
    // service_accounts_records_parked_total{topic}
    meters.counter("service_accounts.records.parked", "topic", record.topic()).increment();
  }

  /** The oldest open parked record of the holder on the topic, if any. */
  public Long oldestOpen(String topic, UUID holder) {
    return jdbc.sql(
            "SELECT min(id) FROM %s WHERE state = 'PARKED' AND topic = :topic AND %s = :holder"
                .formatted(table, strategy.holderColumn()))
        .param("topic", topic)
        .param("holder", holder)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  /** Why the event cannot be applied yet: it waits behind the parked record {@code parkedId}. */
  public ParkedBehindException behind(EventEnvelope event, long parkedId) {
    return new ParkedBehindException(strategy.describe(event), strategy.noun(), parkedId);
  }

  /** Closes the parked row of a re-driven record that has now been applied; nothing otherwise. */
  public void applied(ConsumerRecord<?, ?> record) {
    Long id = parkedId(record);
    if (id != null) {
      closeApplied(id);
    }
  }

  /**
   * Closes the parked row of a re-driven record that has now been applied, in the caller's
   * transaction.
   */
  public void closeApplied(long id) {
    int closed =
        jdbc.sql(
                """
                UPDATE %s SET state = 'REDRIVEN', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """
                    .formatted(table))
            .param("id", id)
            .update();
    if (closed == 1) {
      log.info("parked {} #{} applied after its re-drive", strategy.noun(), id);
    }
  }

  /** The id of the parked row a re-driven record came from; null for any other record. */
  public static Long parkedId(ConsumerRecord<?, ?> record) {
    return ParkedRecordHeaders.parkedId(record.headers());
  }

  /** Open parked records per topic. */
  Map<String, Long> openByTopic() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT topic, count(*) FROM %s WHERE state = 'PARKED' GROUP BY topic ORDER BY topic"
                .formatted(table))
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
    return jdbc.sql(
            "SELECT * FROM %s WHERE state = 'PARKED' ORDER BY id LIMIT :limit".formatted(table))
        .param("limit", limit)
        .query((row, i) -> stored(row).view())
        .list();
  }

  /**
   * Publishes the open parked record on its topic again, with every open parked record of its
   * holder on that topic, oldest first, since each waits for the one before it. They stay open
   * until the consumer has applied them.
   *
   * @return the records published, or empty if there is no such open parked record
   * @throws NotRedrivableException if one of them was parked without its value
   */
  Optional<List<Parked>> redrive(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Stored parked = found.get();
    List<Stored> chain =
        parked.holder() == null
            ? List.of(parked)
            : jdbc.sql(
                    """
                    SELECT * FROM %s
                     WHERE state = 'PARKED' AND topic = :topic AND %s = :holder
                     ORDER BY id
                    """
                        .formatted(table, strategy.holderColumn()))
                .param("topic", parked.topic())
                .param("holder", parked.holder())
                .query((row, i) -> stored(row))
                .list();
    for (Stored each : chain) {
      if (each.value() == null) {
        throw new NotRedrivableException(strategy.noun(), each.id());
      }
    }
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
          "parked {} #{} ({}-{}@{}) re-driven",
          strategy.noun(),
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
   * is never applied, so its holder's later events stay parked behind it until they are discarded
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
                UPDATE %s SET state = 'DISCARDED', closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """
                    .formatted(table))
            .param("id", id)
            .update();
    if (closed == 0) {
      return Optional.empty();
    }
    Stored parked = found.get();
    log.warn(
        "parked {} #{} ({}-{}@{}) discarded by an operator",
        strategy.noun(),
        id,
        parked.topic(),
        parked.partition(),
        parked.offset());
    return Optional.of(parked.view());
  }

  String noun() {
    return strategy.noun();
  }

  /** A parked record stored before its value was kept: it can be discarded, not re-driven. */
  static class NotRedrivableException extends RuntimeException {
    NotRedrivableException(String noun, long id) {
      super(
          "parked %s #%d was parked without its value; re-publish its copy from the dead-letter topic, then discard it"
              .formatted(noun, id));
    }
  }

  private Optional<Stored> stored(long id) {
    return jdbc.sql("SELECT * FROM %s WHERE id = :id AND state = 'PARKED'".formatted(table))
        .param("id", id)
        .query((row, i) -> stored(row))
        .optional();
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

  /**
   * The headers a re-drive publishes again (the {@code ce_*} attributes of a binary CloudEvent,
   * among others): all but the deserializer's and the recoverer's own.
   */
  private static byte[] encode(Iterable<Header> headers) {
    return ParkedRecordHeaders.encode(
        headers,
        key ->
            !key.startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)
                && !key.startsWith(KafkaHeaders.PREFIX + "dlt-")
                && !key.equals(FailedRecordLog.REASON_HEADER));
  }

  private Stored stored(ResultSet row) throws SQLException {
    // A table keeps the key as text or as the bytes received.
    Object key = row.getObject("record_key");
    return new Stored(
        row.getLong("id"),
        row.getString("topic"),
        row.getInt("partition"),
        row.getLong("record_offset"),
        key instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) key,
        row.getObject(strategy.holderColumn()),
        row.getObject("company_id", UUID.class),
        strategy.accountId(row),
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
      Object holder,
      UUID companyId,
      UUID accountId,
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
          RecordText.preview(key),
          companyId,
          accountId,
          reason,
          parkedAt,
          attempts,
          value == null ? 0 : value.length,
          RecordText.preview(value));
    }
  }

  /**
   * One parked record as operators see it: where it came from, why it was parked, when, how many
   * times, its size and a short preview of its value; never its whole value. The account is shown
   * where the service keeps one.
   */
  record Parked(
      long id,
      String topic,
      int partition,
      long offset,
      String key,
      UUID companyId,
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID accountId,
      String reason,
      String parkedAt,
      int attempts,
      int size,
      String preview) {}
}
