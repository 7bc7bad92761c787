package com.serviceaccounts.query.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event in a company's audit trail.
 *
 * @param companySequence the event's place among the company's events (1, 2, ...): the order of the
 *     trail and of its hash chain
 * @param version the account's version after the event
 * @param type the event's short name, e.g. {@code ServiceAccountEdited}
 * @param actor who caused it: a token's subject, or the system actor
 * @param actorType {@code user}, {@code service_account} or {@code system}
 * @param changes field name to {@code {"before": ..., "after": ...}}; after-only for a creation
 * @param chainVersion the version of the chain algorithm its hash was computed with
 * @param hash the entry's link in the company's hash chain (hex SHA-256, see {@link AuditChain})
 */
record AuditEntryView(
    UUID eventId,
    UUID companyId,
    long companySequence,
    UUID accountId,
    long version,
    String type,
    String actor,
    String actorType,
    Instant occurredAt,
    String correlationId,
    JsonNode changes,
    int chainVersion,
    String hash) {

  AuditEntryView withHash(String chainHash) {
    return with(changes, chainHash);
  }

  AuditEntryView withChanges(JsonNode shown) {
    return with(shown, hash);
  }

  private AuditEntryView with(JsonNode shownChanges, String chainHash) {
    return new AuditEntryView(
        eventId,
        companyId,
        companySequence,
        accountId,
        version,
        type,
        actor,
        actorType,
        occurredAt,
        correlationId,
        shownChanges,
        chainVersion,
        chainHash);
  }
}
