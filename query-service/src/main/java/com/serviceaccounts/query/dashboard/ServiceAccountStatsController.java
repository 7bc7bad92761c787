package com.serviceaccounts.query.dashboard;

import com.serviceaccounts.contract.query.ServiceAccountStats;
import com.serviceaccounts.events.ReportedTimes;
import com.serviceaccounts.query.web.InvalidParametersException;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dashboard figures of a company's service accounts; as visible as the listing. */
@ReadAgainOnAnEndedConnection
@RestController
class ServiceAccountStatsController {

  static final Duration DEFAULT_RANGE = Duration.ofDays(30);
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private final ServiceAccountStatsRepository stats;
  private final Clock clock;

  ServiceAccountStatsController(ServiceAccountStatsRepository stats) {
    this.stats = stats;
    this.clock = Clock.systemUTC();
  }

  /**
   * @param from start of the range of changes per day; {@code to} minus 30 days by default, not
   *     before the year 1
   * @param to end of that range (exclusive); now by default
   */
  @PreAuthorize("@companyAccess.canRead(authentication, #companyId)")
  @GetMapping(
      path = "/companies/{companyId}/service-accounts/stats",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ServiceAccountStats stats(
      @PathVariable UUID companyId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    Instant end = to == null ? clock.instant() : to;
    Instant start = from == null ? latest(end.minus(DEFAULT_RANGE), ReportedTimes.EARLIEST) : from;
    if (!start.isBefore(end)) {
      throw new InvalidParametersException(
          Map.of("to", "must be after from (" + start + "), was " + end));
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw new InvalidParametersException(
          Map.of("from", "must be at most 366 days before to (" + end + "), was " + start));
    }
    return stats.stats(companyId, start, end);
  }

  private static Instant latest(Instant one, Instant other) {
    return one.isAfter(other) ? one : other;
  }
}
