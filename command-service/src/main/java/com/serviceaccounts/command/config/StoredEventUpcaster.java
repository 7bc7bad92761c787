package com.serviceaccounts.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.events.EventRevisions;
import com.serviceaccounts.events.EventType;
import java.util.Optional;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Axon's upcaster for the event store: every stored event of an earlier revision is read at its
 * type's current revision, by the aggregate, the publisher and any replay. The steps themselves are
 * shared-events' {@link EventRevisions}, the same ones Kafka consumers apply.
 */
@Component
class StoredEventUpcaster extends SingleEventUpcaster {

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation stored) {
    return olderThanCurrent(stored.getType()).isPresent();
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
    SerializedType from = stored.getType();
    EventType type = olderThanCurrent(from).orElseThrow();
    int revision = EventRevisions.revision(from.getRevision());
    return stored.upcastPayload(
        new SimpleSerializedType(from.getName(), Integer.toString(type.revision())),
        JsonNode.class,
        json -> EventRevisions.toCurrent(type, revision, json));
  }

  private static Optional<EventType> olderThanCurrent(SerializedType stored) {
    return EventType.ofPayloadType(stored.getName())
        .filter(type -> EventRevisions.revision(stored.getRevision()) < type.revision());
  }
}
