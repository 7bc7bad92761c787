package com.serviceaccounts.query.listing;

import static com.serviceaccounts.query.listing.ListingColumns.utc;

import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.query.intake.UsageReports;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last use of each account and of each of its secrets, from usage reports. A report only moves
 * a time forward, so late or repeated reports change nothing; a report for an account the listing
 * does not hold (not yet projected, or purged) is dropped, and the next report of an account still
 * in use sets it.
 */
@Component
class LastUse implements UsageReports {

  private static final Logger log = LoggerFactory.getLogger(LastUse.class);

  private final JdbcClient jdbc;

  LastUse(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void apply(CredentialUsage usage) {
    if (!recordUsage(
        usage.companyId(), usage.accountId(), usage.secretNumber(), usage.lastUsedAt())) {
      log.debug("usage of account {} not in the listing; dropped", usage.accountId());
    }
  }

  /**
   * Records a usage report: the account's and the secret's last use move forward to {@code
   * lastUsedAt}, never back (reports may arrive late or twice). {@code false} when the account is
   * not listed (unknown yet, purged, or another company's).
   */
  private boolean recordUsage(
      UUID companyId, UUID accountId, int secretNumber, Instant lastUsedAt) {
    return jdbc.sql(
                """
                UPDATE service_account
                   SET last_used_at = GREATEST(last_used_at, :at),
                       secrets = (
                         SELECT jsonb_agg(
                                  CASE WHEN (s->>'number')::int = :number
                                        AND (s->>'lastUsedAt' IS NULL
                                             OR (s->>'lastUsedAt')::timestamptz < :at)
                                       THEN s || jsonb_build_object('lastUsedAt', :atText)
                                       ELSE s END
                                  ORDER BY (s->>'number')::int)
                           FROM jsonb_array_elements(secrets) s)
                 WHERE id = :account AND company_id = :company
                """)
            .param("at", utc(lastUsedAt.truncatedTo(ChronoUnit.MICROS)))
            // As precise as the timestamptz column beside it.
            .param("atText", lastUsedAt.truncatedTo(ChronoUnit.MICROS).toString())
            .param("number", secretNumber)
            .param("account", accountId)
            .param("company", companyId)
            .update()
        == 1;
  }
}
