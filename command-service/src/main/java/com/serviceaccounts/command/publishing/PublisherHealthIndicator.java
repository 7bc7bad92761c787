package com.serviceaccounts.command.publishing;

import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/publisher}: how far the Kafka publisher is behind the event store — the
 * events stored (acknowledged to their callers) but not yet on Kafka. DOWN while a segment is in
 * error (Kafka unreachable, say): commands still succeed and nothing is lost, but nothing reaches
 * the query side until it recovers. Not part of readiness or liveness, since neither a restart nor
 * taking the instance out of service would help.
 */
@Component("publisher")
class PublisherHealthIndicator implements HealthIndicator {

  private final EventProcessingConfiguration processing;
  private final EventStorageEngine eventStore;

  PublisherHealthIndicator(EventProcessingConfiguration processing, EventStorageEngine eventStore) {
    this.processing = processing;
    this.eventStore = eventStore;
  }

  @Override
  public Health health() {
    TrackingEventProcessor publisher =
        processing
            .eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
            .orElse(null);
    if (publisher == null) {
      return Health.unknown().withDetail("reason", "no publisher in this instance").build();
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
    boolean failing = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
    Health.Builder health = failing ? Health.down() : Health.up();
    return health
        .withDetail("eventStoreHead", head)
        .withDetail("publishedUpTo", publishedUpTo)
        .withDetail("lag", segments.isEmpty() || head < 0 ? 0 : Math.max(0, head - publishedUpTo))
        .withDetail("segmentsClaimedHere", segments.size())
        .withDetail("running", publisher.isRunning())
        .build();
  }

  private static OptionalLong position(TrackingToken token) {
    return token == null ? OptionalLong.empty() : token.position();
  }
}
