package com.serviceaccounts.command.publishing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.StoredEvents;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.topics.TopicsOnDemand;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts every stored event on Kafka. Runs in a tracking event processor that reads the event store,
 * so the event store is the outbox: a batch's records are sent without waiting, and the batch
 * commits (advancing the processor's token) only once Kafka acknowledged all of them. If Kafka
 * fails, the batch rolls back and is retried from the same token: delivery is at least once.
 *
 * <p>Records are keyed by company id, and the processor hands all of a company's events to one
 * segment ({@link PublisherOrderConfiguration}), which reads them in event-store order, i.e. in
 * company-sequence order: a company's events reach one partition in that order (same key, one
 * sending thread, idempotent producer), and so do each of its accounts' events.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

  static final String PROCESSING_GROUP = "kafka-publisher";
  private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pending";
  private static final long ACK_TIMEOUT_SECONDS = 60;

  private final KafkaTemplate<String, CloudEvent> kafka;
  private final TopicsOnDemand topics;
  private final NewTopic topic;
  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  KafkaEventPublisher(
      KafkaTemplate<String, CloudEvent> kafka,
      TopicsOnDemand topics,
      @Qualifier("eventTopic") NewTopic eventTopic) {
    this.kafka = kafka;
    this.topics = topics;
    this.topic = eventTopic;
  }

  @EventHandler
  void on(ServiceAccountEvent event, DomainEventMessage<?> message) {
    topics.ensure(topic);
    EventEnvelope envelope = envelope(event, message);
    ProducerRecord<String, CloudEvent> record =
        new ProducerRecord<>(
            topic.name(), envelope.companyId().toString(), codec.toCloudEvent(envelope));
    pendingSends().add(kafka.send(record));
  }

  static EventEnvelope envelope(ServiceAccountEvent event, DomainEventMessage<?> message) {
    return StoredEvents.envelope(
        message.getIdentifier(),
        message.getSequenceNumber(),
        message.getTimestamp(),
        message.getMetaData(),
        event);
  }

  /** The sends of the current batch; the batch commits only after all of them are acknowledged. */
  private List<CompletableFuture<?>> pendingSends() {
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(
        PENDING_SENDS,
        key -> {
          List<CompletableFuture<?>> sends = new ArrayList<>();
          batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
          return sends;
        });
  }

  private static void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventPublicationException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EventPublicationException(
          "Kafka did not acknowledge " + sends.size() + " event(s); the batch will be retried", e);
    }
  }
}
