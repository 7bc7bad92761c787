package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.UnreadableEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads each record of the event topic as an {@link EventEnvelope} and applies it to every
 * projection in one database transaction, if it is its company's next event ({@link
 * CompanyEventOrder}): a duplicate is skipped, and an event after a gap is retried. spring-kafka
 * commits the offset only after this returns, so a crash in between redelivers the record, which is
 * then a duplicate. While a record is handled, its correlation id is in the log context ({@link
 * EventCorrelation}).
 */
@Component
class ServiceAccountEventListener {

  static final String LISTENER_ID = "service-account-projections";

  private static final Logger log = LoggerFactory.getLogger(ServiceAccountEventListener.class);

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final CompanyEventOrder companyOrder;
  private final List<Projection> projections;
  private final TransactionTemplate transaction;
  private final ProjectionProgress progress;
  private final MeterRegistry meters;

  ServiceAccountEventListener(
      CompanyEventOrder companyOrder,
      List<Projection> projections,
      TransactionTemplate transaction,
      ProjectionProgress progress,
      MeterRegistry meters) {
    this.progress = progress;
    this.meters = meters;
    this.companyOrder = companyOrder;
    this.projections = List.copyOf(projections);
    this.transaction = transaction;
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "${service-accounts.events.topic:" + EventTopic.DEFAULT_NAME + "}")
  void on(ConsumerRecord<String, CloudEvent> record) {
    try (var correlation = EventCorrelation.inMdc(record)) {
      if (record.value() == null) {
        throw new UnreadableEventException("record at offset " + record.offset() + " has no value");
      }
      EventEnvelope event = codec.fromCloudEvent(record.value());
      boolean applied = Boolean.TRUE.equals(transaction.execute(status -> apply(event)));
      if (applied) {
        progress.advanced();
      }
      // service_accounts_events_consumed_total{type, outcome=applied|duplicate}
      meters
          .counter(
              "service_accounts.events.consumed",
              "type",
              event.type().shortName(),
              "outcome",
              applied ? "applied" : "duplicate")
          .increment();
      log.debug(
          "{} {} {} (version {}, company sequence {}) of account {}",
          applied ? "applied" : "skipped duplicate",
          event.type().shortName(),
          event.eventId(),
          event.version(),
          event.companySequence(),
          event.accountId());
    }
  }

  /**
   * Applies the event to every projection if it is its company's next one, in the caller's
   * transaction: the live feed's and the rebuild's one way of applying an event.
   *
   * @return {@code false} for a duplicate
   * @throws VersionGapException if an earlier event of the company or account is missing
   */
  boolean apply(EventEnvelope event) {
    if (!companyOrder.admit(event)) {
      return false;
    }
    projections.forEach(projection -> projection.apply(event));
    return true;
  }
}
