package com.serviceaccounts.ui.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an account's audit trail as query-service shows it.
 *
 * @param changes field → its change; {@code before} is absent for a creation
 */
public record AuditEntry(
    UUID eventId,
    long companySequence,
    UUID accountId,
    long version,
    String type,
    String actor,
    String actorType,
    Instant occurredAt,
    String correlationId,
    Map<String, Change> changes) {

  /** A field's value before and after the event, as text. */
  public record Change(String before, String after, Boolean erased) {

    public boolean isErased() {
      return Boolean.TRUE.equals(erased);
    }
  }

  /** A page of entries, newest first. */
  public record Page(List<AuditEntry> items, String nextCursor) {}
}
