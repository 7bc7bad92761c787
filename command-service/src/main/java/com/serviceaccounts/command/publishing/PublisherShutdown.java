package com.serviceaccounts.command.publishing;

import io.cloudevents.CloudEvent;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * At shutdown, once Axon's event processors have stopped (this lifecycle's phase is just below
 * Axon's, so Spring stops it right after), flushes the publisher's Kafka producer: records handed
 * to it are sent before the producer closes instead of waiting in its buffer.
 *
 * <p>Nothing depends on it for correctness: a batch commits its token only once Kafka acknowledged
 * all its records ({@link KafkaEventPublisher}), so a batch cut short by the shutdown is published
 * again from the event store at the next start (at least once; consumers skip duplicates). The
 * flush makes the common case clean — what was sent arrives now — and the order explicit. With
 * Kafka down it waits at most the producer's {@code delivery.timeout.ms}.
 */
@Component
class PublisherShutdown implements SmartLifecycle {

  static final int PHASE = SpringAxonConfiguration.LIFECYCLE_PHASE - 1;

  private static final Logger log = LoggerFactory.getLogger(PublisherShutdown.class);

  private final KafkaTemplate<String, CloudEvent> kafka;
  private volatile boolean running;

  PublisherShutdown(KafkaTemplate<String, CloudEvent> kafka) {
    this.kafka = kafka;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    kafka.flush();
    log.info("event publisher stopped; its Kafka producer is flushed");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
