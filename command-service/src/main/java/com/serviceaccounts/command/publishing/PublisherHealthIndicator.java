package com.serviceaccounts.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/publisher}: how far the Kafka publisher is behind the event store — the
 * events stored (acknowledged to their callers) but not yet on Kafka. DOWN while a segment is in
 * error (Kafka unreachable, say): commands still succeed and nothing is lost, but nothing reaches
 * the query side until it recovers. Not part of readiness or liveness, since neither a restart nor
 * taking the instance out of service would help. DOWN, with the reason, while the event store does
 * not answer.
 */
@Component("publisher")
class PublisherHealthIndicator extends AbstractHealthIndicator {

  private final EventProcessingConfiguration processing;
  private final EventStorageEngine eventStore;

  PublisherHealthIndicator(
      EventProcessingConfiguration processing,
      EventStorageEngine eventStore,
      MeterRegistry meters) {
    super("the publisher's state could not be read");
    this.processing = processing;
    this.eventStore = eventStore;
    // service_accounts_publisher_lag: the same figure for Prometheus (0 where no segment is here).
    Gauge.builder("service_accounts.publisher.lag", this, indicator -> indicator.state().lag())
        .description("events stored but not yet published to Kafka by this instance's segments")
        .register(meters);
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    State state = state();
    if (state.publisher() == null) {
      health.unknown().withDetail("reason", "no publisher in this instance");
      return;
    }
    (state.failing() ? health.down() : health.up())
        .withDetail("eventStoreHead", state.head())
        .withDetail("publishedUpTo", state.publishedUpTo())
        .withDetail("lag", state.lag())
        .withDetail("segmentsClaimedHere", state.segments())
        .withDetail("running", state.publisher().isRunning());
  }

  private State state() {
    TrackingEventProcessor publisher =
        processing
            .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElse(null);
    if (publisher == null) {
      return new State(null, -1, -1, 0, false);
    }
    long head = position(eventStore.createHeadToken()).orElse(-1);
    Map<Integer, EventTrackerStatus> segments = publisher.processingStatus();
    long publishedUpTo =
        segments.values().stream()
            .map(EventTrackerStatus::getCurrentPosition)
            .filter(OptionalLong::isPresent)
            .mapToLong(OptionalLong::getAsLong)
            .min()
            .orElse(-1);
    return new State(
        publisher,
        head,
        publishedUpTo,
        segments.size(),
        segments.values().stream().anyMatch(EventTrackerStatus::isErrorState));
  }

  private record State(
      TrackingEventProcessor publisher,
      long head,
      long publishedUpTo,
      int segments,
      boolean failing) {

    long lag() {
      return segments == 0 || head < 0 ? 0 : Math.max(0, head - publishedUpTo);
    }
  }

  private static OptionalLong position(TrackingToken token) {
    return token == null ? OptionalLong.empty() : token.position();
  }
}
