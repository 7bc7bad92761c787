package com.serviceaccounts.query.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A service account exactly as it was at {@code asOf}, rebuilt from its audit entries up to then.
 *
 * @param version the account's version at that instant (its last event up to then)
 * @param status {@code ACTIVE}, {@code DEACTIVATED} or {@code DELETED}
 * @param permissions every tool of the catalogue with its level at that instant
 * @param restorableUntil while deleted, until when it could be restored; otherwise {@code null}
 * @param changedAt when its last event up to {@code asOf} happened
 * @param changedBy who caused that event
 */
record AccountAsOf(
    UUID id,
    UUID companyId,
    Instant asOf,
    long version,
    String clientId,
    String name,
    String appType,
    String marketplaceAppId,
    String status,
    Map<String, String> permissions,
    Instant restorableUntil,
    Instant changedAt,
    String changedBy) {}
