package com.serviceaccounts.query.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which entries of a company's audit trail to read. Every criterion but the company is optional
 * ({@code null}, or an empty set of types) and they combine with AND.
 *
 * @param accountId only this account's entries
 * @param actor only entries caused by this actor (exact match)
 * @param types only entries of these event types (short names)
 * @param from only entries that occurred at or after this instant
 * @param to only entries that occurred before this instant
 */
record AuditQuery(
    UUID companyId, UUID accountId, String actor, Set<String> types, Instant from, Instant to) {

  AuditQuery {
    types = Set.copyOf(types);
  }
}
