package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.UnreadableEventException;
import com.serviceaccounts.intake.ParkedRecords;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads each record of the event topic as an {@link EventEnvelope} and applies it to the
 * credentials store in one database transaction; spring-kafka commits the offset only after that,
 * so a crash in between redelivers the record, which the projection then ignores. An event of an
 * account with an open parked event is parked behind it, unless it is that parked event re-driven
 * ({@link ParkedRecords}, {@link AccountParking}).
 */
@Component
class CredentialsEventListener {

  private static final Logger log = LoggerFactory.getLogger(CredentialsEventListener.class);

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final CredentialsProjection projection;
  private final ParkedRecords parked;
  private final TransactionTemplate transaction;

  CredentialsEventListener(
      CredentialsProjection projection, ParkedRecords parked, TransactionTemplate transaction) {
    this.projection = projection;
    this.parked = parked;
    this.transaction = transaction;
  }

  @KafkaListener(
      id = "client-credentials",
      idIsGroup = false,
      topics = "${service-accounts.events.topic:" + EventTopic.DEFAULT_NAME + "}")
  void on(ConsumerRecord<String, CloudEvent> record) {
    if (record.value() == null) {
      throw new UnreadableEventException("record at offset " + record.offset() + " has no value");
    }
    EventEnvelope event = codec.fromCloudEvent(record.value());
    Long parkedBefore = parked.oldestOpen(record.topic(), event.accountId());
    if (parkedBefore == null) {
      projection.apply(event);
    } else if (parkedBefore.equals(ParkedRecords.parkedId(record))) {
      // The account's oldest parked event, re-driven: applied and closed together, exactly once.
      transaction.executeWithoutResult(
          status -> {
            projection.apply(event);
            parked.closeApplied(parkedBefore);
          });
    } else {
      throw parked.behind(event, parkedBefore);
    }
    log.debug(
        "applied {} {} (version {}) of account {}",
        event.type().shortName(),
        event.eventId(),
        event.version(),
        event.accountId());
  }
}
