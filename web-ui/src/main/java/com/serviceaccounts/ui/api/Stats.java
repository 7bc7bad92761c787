package com.serviceaccounts.ui.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A company's figures from query-service's {@code /service-accounts/stats}. */
public record Stats(
    Map<String, Long> byStatus,
    Map<String, Long> byAppType,
    long withoutPermissions,
    Instant from,
    Instant to,
    List<DayChanges> changesPerDay) {

  /** The audit entries of one UTC day. */
  public record DayChanges(LocalDate day, long changes) {}
}
