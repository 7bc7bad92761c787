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
 *
 * <p>Last use is not in the events: a projection rebuild, which makes the listing afresh from them,
 * carries it over from the current listing at the switch ({@link #CARRY_OVER}).
 */
@Component
class LastUse implements UsageReports {

  private static final Logger log = LoggerFactory.getLogger(LastUse.class);

  /**
   * Copies the last use of each account, and of each of its secrets (by number), from the current
   * listing into a rebuilt one ({@code rebuild.service_account}), keeping the later of the two: a
   * rebuilt row holds none unless a report reached it during the rebuild. The secrets keep their
   * order; a secret only one of the two holds is left as the rebuilt row has it. A secret's use is
   * recorded with its account's (below), so an account never used has no secret used either.
   */
  static final String CARRY_OVER =
      """
      UPDATE rebuild.service_account r
         SET last_used_at = GREATEST(r.last_used_at, c.last_used_at),
             secrets = COALESCE((
               SELECT jsonb_agg(
                        CASE WHEN old.at IS NOT NULL
                              AND (s->>'lastUsedAt' IS NULL
                                   OR (s->>'lastUsedAt')::timestamptz < old.at::timestamptz)
                             THEN s || jsonb_build_object('lastUsedAt', old.at)
                             ELSE s END
                        ORDER BY e.place)
                 FROM jsonb_array_elements(r.secrets) WITH ORDINALITY AS e(s, place)
                 LEFT JOIN LATERAL (
                        SELECT o->>'lastUsedAt' AS at
                          FROM jsonb_array_elements(c.secrets) o
                         WHERE (o->>'number')::int = (s->>'number')::int AND o->>'lastUsedAt' IS NOT NULL
                         LIMIT 1) old ON true), '[]'::jsonb)
        FROM public.service_account c
       WHERE c.id = r.id AND c.last_used_at IS NOT NULL
      """;

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
