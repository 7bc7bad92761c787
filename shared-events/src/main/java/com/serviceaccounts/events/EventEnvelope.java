package com.serviceaccounts.events;

import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event with the facts every event carries: which event it is, whose account, which version of
 * the account it produced, its place in the company's sequence, when, who did it, and the request
 * it belongs to. On Kafka it travels as a CloudEvent in binary mode (see {@link
 * EventEnvelopeCodec}).
 *
 * @param eventId unique per event; the idempotency key of every consumer
 * @param type the event type
 * @param accountId the account
 * @param companyId the company that owns the account, also the Kafka record key
 * @param version the account's version after this event: 1 for its creation, +1 for each event
 * @param companySequence the event's place among all events of the company: 1 for the company's
 *     first event, +1 for each event, assigned in the transaction that stores the event, so the
 *     order of a company's events is the same wherever they are read
 * @param occurredAt when the event was stored
 * @param actor who caused it
 * @param actorType what kind of actor: {@code user}, {@code service_account} or {@code system}
 * @param correlationId the request that caused it; shared by all events of one request
 * @param payload the event itself
 */
public record EventEnvelope(
    UUID eventId,
    EventType type,
    UUID accountId,
    UUID companyId,
    long version,
    long companySequence,
    Instant occurredAt,
    String actor,
    String actorType,
    String correlationId,
    ServiceAccountEvent payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(actorType, "actorType");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(payload, "payload");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1, was " + version);
    }
    if (companySequence < 1) {
      throw new IllegalArgumentException("companySequence starts at 1, was " + companySequence);
    }
    if (!payload.accountId().equals(accountId) || !payload.companyId().equals(companyId)) {
      throw new IllegalArgumentException("envelope and payload name different accounts");
    }
  }
}
