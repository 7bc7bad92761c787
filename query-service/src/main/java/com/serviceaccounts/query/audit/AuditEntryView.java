package com.serviceaccounts.query.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event in an account's audit trail.
 *
 * @param version the account's version after the event
 * @param type the event's short name, e.g. {@code ServiceAccountEdited}
 * @param changes field name to {@code {"before": ..., "after": ...}}; after-only for a creation
 */
record AuditEntryView(
    UUID eventId,
    UUID accountId,
    UUID companyId,
    long version,
    String type,
    String actor,
    Instant occurredAt,
    String correlationId,
    JsonNode changes) {

  AuditEntryView withChanges(JsonNode shown) {
    return new AuditEntryView(
        eventId, accountId, companyId, version, type, actor, occurredAt, correlationId, shown);
  }
}
