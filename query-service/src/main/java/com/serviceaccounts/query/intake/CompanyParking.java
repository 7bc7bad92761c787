package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.intake.EventIntakeProperties;
import com.serviceaccounts.intake.ParkingStrategy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * This service's parked records (table {@code parked_record}): a record of the event topic holds
 * its company, whose events are applied in its company sequence; a record of another topic holds
 * nothing. Only an event the database refused holds its company's later events; one that did not
 * read as an event holds only those that wait for a predecessor (ADR 0001).
 */
@Component
class CompanyParking implements ParkingStrategy {

  private static final String COMPANY_HEADER = "ce_" + EventEnvelopeCodec.COMPANY_ID;

  private final EventIntakeProperties properties;

  CompanyParking(EventIntakeProperties properties) {
    this.properties = properties;
  }

  @Override
  public Table table() {
    return new Table("parked_record", "record", "company_id", "holds_company");
  }

  @Override
  public Object recordKey(ConsumerRecord<?, ?> record) {
    return record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, Object> columns(ConsumerRecord<?, ?> record, Exception failure) {
    Map<String, Object> columns = new HashMap<>();
    columns.put("company_id", companyOf(record));
    columns.put("holds_company", ParkingStrategy.readAsEvent(failure));
    return columns;
  }

  @Override
  public UUID holder(EventEnvelope event) {
    return event.companyId();
  }

  @Override
  public String describe(EventEnvelope event) {
    return "%s %s (company sequence %d) of company %s"
        .formatted(
            event.type().shortName(), event.eventId(), event.companySequence(), event.companyId());
  }

  /**
   * The company of a record of the event topic: its {@code ce_companyid} header, else its key (the
   * command side writes both, the same); a record keyed by another company is not held against it.
   */
  private UUID companyOf(ConsumerRecord<?, ?> record) {
    if (!record.topic().equals(properties.topic())) {
      return null;
    }
    UUID named = ParkingStrategy.idOf(ParkingStrategy.header(record, COMPANY_HEADER));
    return named != null ? named : ParkingStrategy.idOf(record.key());
  }
}
