package com.serviceaccounts.contract.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A company's service accounts at a glance, for dashboards.
 *
 * @param byStatus how many accounts are in each status now (every status listed, purged accounts
 *     not counted)
 * @param byAppType how many accounts have each app type now
 * @param withoutPermissions how many accounts have {@code NONE} on every tool now
 * @param from the start of the range of {@code changesPerDay} (inclusive)
 * @param to its end (exclusive)
 * @param changesPerDay audit entries per UTC day of the range, every day listed, oldest first
 */
public record ServiceAccountStats(
    Map<String, Long> byStatus,
    Map<String, Long> byAppType,
    long withoutPermissions,
    Instant from,
    Instant to,
    List<DayChanges> changesPerDay) {

  /** The audit entries of one UTC day that fall in the range. */
  public record DayChanges(LocalDate day, long changes) {}
}
