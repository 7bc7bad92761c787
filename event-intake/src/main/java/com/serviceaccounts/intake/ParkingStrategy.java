package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * What differs between the services' parked records: the table they are kept in, what operators
 * call them, and what a parked record holds (the company or the account whose later events wait
 * behind it). A service that takes in events declares one as a bean; {@link ParkedRecords} does the
 * rest.
 */
public interface ParkingStrategy {

  /** Where the parked records are kept and what they are called. */
  Table table();

  /**
   * A table of parked records.
   *
   * @param name the table, with at least the columns {@code id, topic, partition, record_offset,
   *     record_key, company_id, reason, value, headers, parked_at, attempts, state, closed_at}
   * @param noun what operators call a parked record ({@code record}, {@code event}): in answers and
   *     logs
   * @param holderColumn the column of what a parked record holds: the open parked records of one
   *     topic with the same value in it and the same {@code company_id} wait behind each other and
   *     are re-driven together, oldest first (one of no known company holds nothing)
   * @param holds whether an open parked record holds its holder's later events, as an SQL
   *     expression over the table's columns ({@code true} where every one does)
   */
  record Table(String name, String noun, String holderColumn, String holds) {}

  /** The record's key as the table's {@code record_key} keeps it. */
  Object recordKey(ConsumerRecord<?, ?> record);

  /**
   * The values of the table's own columns for a record being parked, by column name: at least the
   * holder column.
   */
  Map<String, Object> columns(ConsumerRecord<?, ?> record, Exception failure);

  /** What the event's parked record would hold: its company or its account. */
  UUID holder(EventEnvelope event);

  /** The account of a parked row, where the table keeps one. */
  default UUID accountId(ResultSet row) throws SQLException {
    return null;
  }

  /** The event, as the reason of one parked behind another names it. */
  String describe(EventEnvelope event);

  /**
   * Whether a record that failed for {@code failure} read as an event: only one that did holds what
   * it names (one keyed otherwise than by its company does not read, {@link
   * MisKeyedRecordException}).
   */
  static boolean readAsEvent(Exception failure) {
    return RecordFailures.causeOf(failure, DeserializationException.class) == null
        && RecordFailures.causeOf(failure, UnreadableEventException.class) == null;
  }

  /** The text of the record's header {@code name}; null if it has none. */
  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The id {@code text} is (a record's key or header, as text); null if it is none. */
  static UUID idOf(Object text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text.toString());
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
