package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.UnreadableEventException;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads each record of the event topic as an {@link EventEnvelope} and applies it to the
 * credentials store in one database transaction; spring-kafka commits the offset only after that,
 * so a crash in between redelivers the record, which the projection then ignores.
 */
@Component
class CredentialsEventListener {

  private static final Logger log = LoggerFactory.getLogger(CredentialsEventListener.class);

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final CredentialsProjection projection;
  private final ParkedEvents parked;

  CredentialsEventListener(CredentialsProjection projection, ParkedEvents parked) {
    this.projection = projection;
    this.parked = parked;
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
    Long parkedBefore = parked.openFor(event.accountId());
    if (parkedBefore != null) {
      throw new ParkedBehindException(event, parkedBefore);
    }
    projection.apply(event);
    log.debug(
        "applied {} {} (version {}) of account {}",
        event.type().shortName(),
        event.eventId(),
        event.version(),
        event.accountId());
  }
}
