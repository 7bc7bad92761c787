package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.intake.MisKeyedRecordException;
import com.serviceaccounts.intake.ParkingStrategy;
import com.serviceaccounts.intake.RecordText;
import io.cloudevents.CloudEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * This service's parked events (table {@code parked_event}; their copies are on its own dead-letter
 * topic, {@code <topic>.token-service.DLT}): an event holds its account's events of its own
 * company, which are applied in version order (one of another company than the account's, which no
 * command side wrote, holds none of the account's real events). A record that did not read as an
 * event (of a type this service does not know, or with a payload it cannot read) names the account
 * its {@code ce_subject} header names, as the command side writes it, but holds nothing: anybody
 * who can write to the topic can write one naming any account, which must not stop that account's
 * deactivation; and that account's next event, which then waits for a predecessor, is parked behind
 * it all the same. So does one keyed otherwise than by its company (no command side wrote it:
 * {@link MisKeyedRecordException}). An event of the company of a record that holds nothing (its
 * {@code ce_companyid} header, else its key, as the command side keys them) that waits for a
 * predecessor is parked behind it.
 */
@Component
class AccountParking implements ParkingStrategy {

  private static final int MAX_KEY = 200;
  private static final String SUBJECT_HEADER = "ce_subject";
  private static final String COMPANY_HEADER = "ce_" + EventEnvelopeCodec.COMPANY_ID;

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Override
  public Table table() {
    return new Table("parked_event", "event", "account_id", "holds");
  }

  /** A text column: a key the command side did not write may hold what text cannot. */
  @Override
  public Object recordKey(ConsumerRecord<?, ?> record) {
    return record.key() == null ? null : RecordText.printable(record.key().toString(), MAX_KEY);
  }

  @Override
  public Map<String, Object> columns(ConsumerRecord<?, ?> record, Exception failure) {
    Optional<EventEnvelope> event = eventOf(record);
    Map<String, Object> columns = new HashMap<>();
    columns.put("holds", event.isPresent() && ParkingStrategy.readAsEvent(failure));
    columns.put(
        "account_id",
        MisKeyedRecordException.isCause(failure)
            ? null
            : event
                .map(EventEnvelope::accountId)
                .orElseGet(
                    () -> ParkingStrategy.idOf(ParkingStrategy.header(record, SUBJECT_HEADER))));
    columns.put(
        "company_id",
        event
            .map(EventEnvelope::companyId)
            .or(
                () ->
                    Optional.ofNullable(
                        ParkingStrategy.idOf(ParkingStrategy.header(record, COMPANY_HEADER))))
            .orElseGet(() -> ParkingStrategy.idOf(record.key())));
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
