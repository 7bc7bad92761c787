package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.intake.ParkingStrategy;
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
 * topic, {@code <topic>.token-service.DLT}): an event holds its account, whose events are applied
 * in version order; one that did not read as an event holds nothing.
 */
@Component
class AccountParking implements ParkingStrategy {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  @Override
  public Table table() {
    return new Table("parked_event", "event", "account_id", "true");
  }

  @Override
  public Map<String, Object> columns(ConsumerRecord<?, ?> record, Exception failure) {
    Optional<EventEnvelope> event = eventOf(record);
    Map<String, Object> columns = new HashMap<>();
    columns.put("record_key", record.key() == null ? null : record.key().toString());
    columns.put("account_id", event.map(EventEnvelope::accountId).orElse(null));
    columns.put("company_id", event.map(EventEnvelope::companyId).orElse(null));
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
