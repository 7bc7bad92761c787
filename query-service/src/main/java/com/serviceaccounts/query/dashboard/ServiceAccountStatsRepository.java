package com.serviceaccounts.query.dashboard;

import com.serviceaccounts.contract.query.ServiceAccountStats;
import com.serviceaccounts.contract.query.ServiceAccountStats.DayChanges;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts over the listing ({@code service_account}) and the audit trail ({@code audit_entry}), read
 * in one snapshot.
 */
@Repository
class ServiceAccountStatsRepository {

  private final JdbcClient jdbc;

  ServiceAccountStatsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  ServiceAccountStats stats(UUID companyId, Instant from, Instant to) {
    return new ServiceAccountStats(
        countsBy("status", companyId, names(AccountStatus.values())),
        countsBy("app_type", companyId, names(AppType.values())),
        jdbc.sql(
                "SELECT count(*) FROM service_account WHERE company_id = :companyId AND permissions = '{}'::jsonb")
            .param("companyId", companyId)
            .query(Long.class)
            .single(),
        from,
        to,
        changesPerDay(companyId, from, to));
  }

  /** Every value listed, in the given order, 0 when no account has it. */
  private Map<String, Long> countsBy(String column, UUID companyId, List<String> values) {
    Map<String, Long> counts = new LinkedHashMap<>();
    values.forEach(value -> counts.put(value, 0L));
    jdbc.sql(
            "SELECT %1$s AS value, count(*) AS accounts FROM service_account WHERE company_id = :companyId GROUP BY %1$s"
                .formatted(column))
        .param("companyId", companyId)
        .query((row, n) -> counts.put(row.getString("value"), row.getLong("accounts")))
        .list();
    return counts;
  }

  private List<DayChanges> changesPerDay(UUID companyId, Instant from, Instant to) {
    Map<LocalDate, Long> perDay = new LinkedHashMap<>();
    LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
    for (LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      perDay.put(day, 0L);
    }
    jdbc.sql(
            """
            SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS changes
              FROM audit_entry
             WHERE company_id = :companyId AND occurred_at >= :from AND occurred_at < :to
             GROUP BY day
            """)
        .param("companyId", companyId)
        .param("from", from.atOffset(ZoneOffset.UTC))
        .param("to", to.atOffset(ZoneOffset.UTC))
        .query(
            (row, n) -> perDay.put(row.getObject("day", LocalDate.class), row.getLong("changes")))
        .list();
    List<DayChanges> days = new ArrayList<>();
    perDay.forEach((day, changes) -> days.add(new DayChanges(day, changes)));
    return days;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
