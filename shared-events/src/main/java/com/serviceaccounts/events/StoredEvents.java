package com.serviceaccounts.events;

import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * How an event stored in command-service's event store becomes the {@link EventEnvelope} that
 * travels: the one mapping behind both the Kafka publisher and query-service's rebuild from the
 * event store.
 */
public final class StoredEvents {

  /** Metadata key: who caused the event. */
  public static final String ACTOR = "actor";

  /** Metadata key: {@code user} or {@code service_account}. */
  public static final String ACTOR_TYPE = "actorType";

  /** Metadata key: the correlation id of the request that caused it. */
  public static final String CORRELATION_ID = "correlationId";

  /** Metadata key: the event's place in its company's sequence, 1, 2, 3, ... */
  public static final String COMPANY_SEQUENCE = "companySequence";

  private StoredEvents() {}

  /**
   * The envelope of a stored event.
   *
   * @param sequenceNumber the event's sequence number in its aggregate, from 0
   * @throws IllegalStateException if the metadata has no company sequence (an event stored before
   *     there was one): publishing it would let consumers apply the company's events out of order
   */
  public static EventEnvelope envelope(
      String eventId,
      long sequenceNumber,
      Instant timestamp,
      Map<String, ?> metadata,
      ServiceAccountEvent payload) {
    if (!(metadata.get(COMPANY_SEQUENCE) instanceof Number companySequence)) {
      throw new IllegalStateException(
          "event " + eventId + " has no company sequence; it cannot be delivered in order");
    }
    return new EventEnvelope(
        UUID.fromString(eventId),
        EventType.of(payload),
        payload.accountId(),
        payload.companyId(),
        sequenceNumber + 1,
        companySequence.longValue(),
        timestamp,
        String.valueOf(metadata.get(ACTOR)),
        String.valueOf(metadata.get(ACTOR_TYPE)),
        String.valueOf(metadata.get(CORRELATION_ID)),
        payload);
  }
}
