package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.intake.ParkingStrategy;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * This service's parked events (table {@code parked_event}; their copies are on its own dead-letter
 * topic, {@code <topic>.token-service.DLT}): an event holds its account, whose events are applied
 * in version order. A record that did not read as an event (of a type this service does not know,
 * or with a payload it cannot read) holds the account its {@code ce_subject} header names, as the
 * command side writes it: that account's next event would otherwise wait for it for ever. One that
 * names no account holds nothing; an event of its company (its {@code ce_companyid} header, else
 * its key, as the command side keys them) that waits for a predecessor is parked behind it.
 */
@Component
class AccountParking implements ParkingStrategy {

  private static final String SUBJECT_HEADER = "ce_subject";
  private static final String COMPANY_HEADER = "ce_" + EventEnvelopeCodec.COMPANY_ID;

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Override
  public Table table() {
    return new Table("parked_event", "event", "account_id", "account_id IS NOT NULL");
  }

  @Override
  public Map<String, Object> columns(ConsumerRecord<?, ?> record, Exception failure) {
    Optional<EventEnvelope> event = eventOf(record);
    Map<String, Object> columns = new HashMap<>();
    columns.put("record_key", record.key() == null ? null : record.key().toString());
    columns.put(
        "account_id",
        event.map(EventEnvelope::accountId).orElseGet(() -> named(record, SUBJECT_HEADER)));
    columns.put(
        "company_id",
        event
            .map(EventEnvelope::companyId)
            .orElseGet(() -> named(record, COMPANY_HEADER, record.key())));
    return columns;
  }

  @Override
  public UUID holder(EventEnvelope event) {
    return event.accountId();
  }

  @Override
  public UUID accountId(ResultSet row) throws SQLException {
    return row.getObject("account_id", UUID.class);
  }

  @Override
  public String describe(EventEnvelope event) {
    return "%s %s (version %d) of account %s"
        .formatted(event.type().shortName(), event.eventId(), event.version(), event.accountId());
  }

  /** The id the record's header names; null if it names none. */
  private static UUID named(ConsumerRecord<?, ?> record, String header) {
    Header named = record.headers().lastHeader(header);
    return named == null || named.value() == null
        ? null
        : id(new String(named.value(), StandardCharsets.UTF_8));
  }

  /** The id the record's header names, else the one {@code otherwise} is; null if neither is. */
  private static UUID named(ConsumerRecord<?, ?> record, String header, Object otherwise) {
    UUID named = named(record, header);
    return named != null || otherwise == null ? named : id(otherwise.toString());
  }

  private static UUID id(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
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
}
