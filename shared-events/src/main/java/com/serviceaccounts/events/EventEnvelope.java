package com.serviceaccounts.events;

import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event with the facts every event carries: which event it is, whose account, which version of
 * the account it produced, when, who did it, and the request it belongs to. On Kafka it travels as
 * a CloudEvent in binary mode (see {@link EventEnvelopeCodec}).
 *
 * @param eventId unique per event; the idempotency key of every consumer
 * @param type the event type
 * @param accountId the account, also the Kafka record key
 * @param companyId the company that owns the account
 * @param version the account's version after this event: 1 for its creation, +1 for each event
 * @param occurredAt when the event was stored
 * @param actor who caused it
 * @param correlationId the request that caused it; shared by all events of one request
 * @param payload the event itself
 */
public record EventEnvelope(
    UUID eventId,
    EventType type,
    UUID accountId,
    UUID companyId,
    long version,
    Instant occurredAt,
    String actor,
    String correlationId,
    ServiceAccountEvent payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(payload, "payload");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1, was " + version);
    }
    if (!payload.accountId().equals(accountId) || !payload.companyId().equals(companyId)) {
      throw new IllegalArgumentException("envelope and payload name different accounts");
    }
  }
}
