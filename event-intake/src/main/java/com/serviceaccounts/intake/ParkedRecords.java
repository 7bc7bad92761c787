// Over 300 lines: a parked record's whole life in one place (parked, holding what comes after it,
// re-driven, closed, discarded), each step one statement on the strategy's table.
package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.ParkedRecordHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
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
  static final int COPIES_COMPARED = 100;

  private static final Logger log = LoggerFactory.getLogger(ParkedRecords.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final JdbcClient jdbc;
  private final ParkingStrategy strategy;
  private final String table;
  private final String noun;
  private final String holderColumn;
  private final String holds;
  private final KafkaTemplate<Object, Object> template;
  private final MeterRegistry meters;

  /** Who owns the table: the consumer group whose records it parks. */
  private final String owner;

  ParkedRecords(
      JdbcClient jdbc,
      ParkingStrategy strategy,
      KafkaTemplate<Object, Object> deadLetterTemplate,
      MeterRegistry meters,
      String owner) {
    this.owner = owner;
    this.jdbc = jdbc;
    this.strategy = strategy;
    this.table = strategy.table().name();
    this.noun = strategy.table().noun();
    this.holderColumn = strategy.table().holderColumn();
    this.holds = strategy.table().holds();
    this.template = deadLetterTemplate;
    this.meters = meters;
  }

  /**
   * Parks the record: a new row, or, for a re-driven record that failed again or a copy of an open
   * parked record (the other consumer's re-drive publishes its own copy again, say), that row with
   * the new reason (it keeps its place in its holder's order); a copy held behind that very row
   * keeps the row's reason, which says why the record first failed.
   *
   * @return the id of its row; null for a re-driven copy of a row discarded since, which is dropped
   */
  @Transactional
  public Long park(ConsumerRecord<?, ?> record, Exception failure) {
    String reason = RecordText.printable(FailedRecordLog.reason(failure, record), MAX_REASON);
    OwnRow own = ownRow(record);
    if (own != null && own.discarded()) {
      log.warn(
          "{}-{}@{} is a re-driven copy of parked {} #{}, discarded since: dropped",
          record.topic(),
          record.partition(),
          record.offset(),
          noun,
          own.id());
      return null;
    }
    Long redriven = own != null ? Long.valueOf(own.id()) : copyOf(record, failure, "PARKED");
    boolean behindItself =
        redriven != null
            && failure instanceof ParkedBehindException behind
            && behind.parkedId() == redriven;
    int updated =
        redriven == null
            ? 0
            : jdbc.sql(
                    """
                    UPDATE %s SET reason = coalesce(CAST(:reason AS text), reason),
                           attempts = attempts + 1, parked_at = now(), state = 'PARKED',
                           closed_at = NULL, redriven_at = NULL
                     WHERE id = :id AND state <> 'DISCARDED'
                    """
                        .formatted(table))
                .param("reason", behindItself ? null : reason)
                .param("id", redriven)
                .update();
    Long id = redriven;
    if (updated == 0) {
      Map<String, Object> columns = new LinkedHashMap<>(strategy.columns(record, failure));
      columns.put("record_key", strategy.recordKey(record));
      columns.put("topic", record.topic());
      columns.put("partition", record.partition());
      columns.put("record_offset", record.offset());
      columns.put("reason", reason);
      columns.put("value", ReceivedRecord.value(record, failure));
      columns.put("headers", ReceivedRecord.headers(record));
      id =
          jdbc.sql(
                  "INSERT INTO %s (%s) VALUES (:%s) RETURNING id"
                      .formatted(
                          table,
                          String.join(", ", columns.keySet()),
                          String.join(", :", columns.keySet())))
              .params(columns)
              .query(Long.class)
              .single();
    }
    // service_accounts_records_parked_total{topic}
    meters.counter("service_accounts.records.parked", "topic", record.topic()).increment();
    return id;
  }

  /**
   * The open parked records on the topic of these holders, oldest first by holder in its company:
   * what their next events may wait behind, but for those records' own re-drive; and of these
   * companies, the oldest that holds nothing (one that did not read as an event), which their
   * events that wait for a predecessor are parked behind. A record of another company than the one
   * its account belongs to (no command side wrote it) holds that account's events of its own
   * company only, and one of no known company holds nothing.
   */
  OpenParked openOf(String topic, Collection<UUID> holders, Collection<UUID> companies) {
    OpenParked open = new OpenParked(new HashMap<>(), new HashMap<>());
    if (holders.isEmpty()) {
      return open;
    }
    jdbc.sql(
            ("SELECT %s, id, %s, company_id FROM %s WHERE state = 'PARKED' AND topic = :topic"
                    + " AND (%s = ANY(:holders) OR company_id = ANY(:companies) AND NOT (%s))"
                    + " ORDER BY id")
                .formatted(holderColumn, holds, table, holderColumn, holds))
        .param("topic", topic)
        .param("holders", holders.toArray(UUID[]::new))
        .param("companies", companies.toArray(UUID[]::new))
        .query(
            (row, i) -> {
              UUID holder = row.getObject(1, UUID.class);
              Open parked = new Open(row.getLong(2), row.getBoolean(3));
              UUID company = row.getObject(4, UUID.class);
              if (holder != null && company != null && holders.contains(holder)) {
                open.byHolder()
                    .computeIfAbsent(new Holder(holder, company), held -> new ArrayDeque<>())
                    .add(parked);
              }
              if (!parked.holds() && company != null) {
                open.notHolding().putIfAbsent(company, parked.id());
              }
              return null;
            })
        .list();
    return open;
  }

  /**
   * What a parked record holds: the events of its holder ({@link ParkingStrategy#holder}: a
   * company, or an account) in its company.
   */
  record Holder(UUID id, UUID companyId) {

    static Holder of(ParkingStrategy strategy, EventEnvelope event) {
      return new Holder(strategy.holder(event), event.companyId());
    }
  }

  /**
   * Open parked records.
   *
   * @param byHolder by holder, oldest first
   * @param notHolding by company, its oldest that holds nothing
   */
  record OpenParked(Map<Holder, Deque<Open>> byHolder, Map<UUID, Long> notHolding) {}

  /**
   * An open parked record.
   *
   * @param holds whether its holder's later events wait behind it; if not (a record that did not
   *     read as an event), only those that wait for a predecessor do
   */
  record Open(long id, boolean holds) {}

  /** Why the event cannot be applied yet: it waits behind the parked record {@code parkedId}. */
  public ParkedBehindException behind(EventEnvelope event, long parkedId) {
    return new ParkedBehindException(strategy.describe(event), noun, parkedId);
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
    if (close(id, "REDRIVEN")) {
      log.info("parked {} #{} applied after its re-drive", noun, id);
    }
  }

  /**
   * The id of this table's parked row a re-driven record came from, or of the discarded row a
   * record another hand published again is a copy of; null for any other record (one another
   * consumer of the topic re-drove from its own table included, and one whose header names a row
   * that is not its own).
   */
  public Long parkedId(ConsumerRecord<?, ?> record) {
    OwnRow own = ownRow(record);
    return own == null ? null : own.id();
  }

  /**
   * Why the record must not be applied: it is a re-driven copy of a parked row that an operator
   * discarded while it was on its way; null for any other record.
   */
  DiscardedCopyException discardedCopy(ConsumerRecord<?, ?> record) {
    return discardedCopy(ownRow(record));
  }

  /** As {@link #discardedCopy(ConsumerRecord)}, of the record's {@link #ownRow}. */
  DiscardedCopyException discardedCopy(OwnRow own) {
    return own != null && own.discarded() ? new DiscardedCopyException(noun, own.id()) : null;
  }

  /**
   * @throws DiscardedCopyException if the record is a re-driven copy of a parked row discarded
   *     since: a discarded record is never applied
   */
  public void requireNotDiscarded(ConsumerRecord<?, ?> record) {
    DiscardedCopyException discarded = discardedCopy(record);
    if (discarded != null) {
      throw discarded;
    }
  }

  /** A parked row a re-driven record came from, and whether it was discarded since. */
  record OwnRow(long id, boolean discarded) {}

  /**
   * The parked row of this table a re-driven record came from, or, for a record another hand
   * published again, the discarded row it is a copy of; null for any other record (see {@link
   * #parkedId}).
   */
  OwnRow ownRow(ConsumerRecord<?, ?> record) {
    Long id = ParkedRecordHeaders.parkedId(record.headers(), owner);
    if (id == null) {
      // Published again by another hand (the other consumer's re-drive, a dead letter put back):
      // a copy of a record discarded here is dropped as this table's own copies are.
      Long discarded =
          ParkedRecordHeaders.publishedAgain(record.headers())
              ? copyOf(record, null, "DISCARDED")
              : null;
      return discarded == null ? null : new OwnRow(discarded, true);
    }
    // The header alone proves nothing (any writer of the topic can set it): the row must be this
    // record's, the same topic, key, value and other headers as parked.
    byte[] headers = ReceivedRecord.headers(record);
    return jdbc
        .sql(
            """
            SELECT id, state = 'DISCARDED', headers FROM %s
             WHERE id = :id AND topic = :topic
               AND record_key IS NOT DISTINCT FROM :key AND value = :value
            """
                .formatted(table))
        .param("id", id)
        .param("topic", record.topic())
        .param("key", strategy.recordKey(record))
        .param("value", ReceivedRecord.value(record, null))
        .query(
            (row, i) ->
                ParkedRecordHeaders.sameRecord(row.getBytes(3), headers)
                    ? new OwnRow(row.getLong(1), row.getBoolean(2))
                    : null)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /**
   * The row in {@code state} of a copy of the record: the same topic, key, value and headers but
   * for those publishing it again adds ({@link ParkedRecordHeaders#sameRecord}: two events of one
   * account may have the same value, their type and version being headers); null if none among the
   * first {@value #COPIES_COMPARED} with that topic, key and value, which bounds the work a flood
   * of look-alikes can cause.
   */
  private Long copyOf(ConsumerRecord<?, ?> record, Exception failure, String state) {
    byte[] value = ReceivedRecord.value(record, failure);
    if (value == null) {
      return null;
    }
    byte[] headers = ReceivedRecord.headers(record);
    return jdbc
        .sql(
            """
            SELECT id, headers FROM %s
             WHERE state = :state AND topic = :topic AND sha256(value) = sha256(:value)
               AND value = :value AND record_key IS NOT DISTINCT FROM :key
             ORDER BY id LIMIT :limit
            """
                .formatted(table))
        .param("state", state)
        .param("topic", record.topic())
        .param("value", value)
        .param("key", strategy.recordKey(record))
        .param("limit", COPIES_COMPARED)
        .query(
            (row, i) ->
                ParkedRecordHeaders.sameRecord(row.getBytes(2), headers) ? row.getLong(1) : null)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
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
        .query((row, i) -> Stored.read(row, holderColumn, strategy).view())
        .list();
  }

  /**
   * Publishes the open parked record on its topic again, with every open parked record of its
   * holder on that topic, oldest first, since each waits for the one before it. They stay open
   * until the consumer has applied them (or parked them again), marked as re-driven meanwhile: a
   * second re-drive before then is refused, so that each is published once. The marks are made in
   * the transaction that publishes, and undone if Kafka does not take a copy.
   *
   * @return the records published, or empty if there is no such open parked record
   * @throws NotRedrivableException if one of them was parked without its value, or is being
   *     re-driven
   */
  @Transactional
  Optional<List<Parked>> redrive(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Stored parked = found.get();
    List<Stored> chain =
        parked.holder() == null || parked.companyId() == null
            ? List.of(parked)
            : jdbc.sql(
                    """
                    SELECT * FROM %s
                     WHERE state = 'PARKED' AND topic = :topic AND %s = :holder
                       AND company_id = :company
                     ORDER BY id
                    """
                        .formatted(table, holderColumn))
                .param("topic", parked.topic())
                .param("holder", parked.holder())
                .param("company", parked.companyId())
                .query((row, i) -> Stored.read(row, holderColumn, strategy))
                .list();
    for (Stored each : chain) {
      if (each.value() == null) {
        throw new NotRedrivableException(noun, each.id());
      }
      if (each.redrivenAt() != null) {
        throw NotRedrivableException.underWay(noun, each.id(), each.redrivenAt());
      }
    }
    int claimed =
        jdbc.sql(
                """
                UPDATE %s SET redriven_at = now()
                 WHERE id = ANY(:ids) AND state = 'PARKED' AND redriven_at IS NULL
                """
                    .formatted(table))
            .param("ids", chain.stream().map(Stored::id).toArray(Long[]::new))
            .update();
    if (claimed != chain.size()) {
      // Another operator's re-drive or discard of one of them came first.
      throw NotRedrivableException.underWay(noun, id, "a moment ago");
    }
    List<Parked> published = new ArrayList<>();
    for (Stored each : chain) {
      RecordHeaders headers = ParkedRecordHeaders.forRedrive(each.headers(), owner, each.id());
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
          noun,
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
   * too (ADR 0001); a copy a re-drive published before is dropped when it comes ({@link
   * #discardedCopy}).
   */
  Optional<Parked> discard(long id) {
    Optional<Stored> found = stored(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (!close(id, "DISCARDED")) {
      return Optional.empty();
    }
    Stored parked = found.get();
    log.warn(
        "parked {} #{} ({}-{}@{}) discarded by an operator",
        noun,
        id,
        parked.topic(),
        parked.partition(),
        parked.offset());
    return Optional.of(parked.view());
  }

  String noun() {
    return noun;
  }

  /** Closes the open parked record in the given state; false if it is not open. */
  private boolean close(long id, String state) {
    return jdbc.sql(
                """
                UPDATE %s SET state = :state, closed_at = now()
                 WHERE id = :id AND state = 'PARKED'
                """
                    .formatted(table))
            .param("state", state)
            .param("id", id)
            .update()
        == 1;
  }

  private Optional<Stored> stored(long id) {
    return jdbc.sql("SELECT * FROM %s WHERE id = :id AND state = 'PARKED'".formatted(table))
        .param("id", id)
        .query((row, i) -> Stored.read(row, holderColumn, strategy))
        .optional();
  }
}
