package com.serviceaccounts.events.usage;

import com.serviceaccounts.events.ReportedTimes;
import java.time.Instant;
import java.util.UUID;

/**
 * Tokens issued to one secret of one account since the last report, aggregated by the token service
 * and flushed periodically (not one write per token). Serialized with {@link
 * com.serviceaccounts.events.EventJson} onto {@link
 * com.serviceaccounts.events.EventTopic#USAGE_NAME}, keyed by account id; the query side keeps the
 * latest {@code lastUsedAt} per account and per secret.
 *
 * @param accountId the service account
 * @param companyId its company
 * @param secretNumber which of its secrets was used (1 for the secret made at creation)
 * @param lastUsedAt when the last of these tokens was issued
 * @param tokensIssued how many tokens were issued in this report's interval
 */
public record CredentialUsage(
    UUID accountId, UUID companyId, int secretNumber, Instant lastUsedAt, long tokensIssued) {

  /**
   * What no token-service writes in a report read at {@code now}, or {@code null}: a missing id or
   * time, a secret number below 1, a negative count, a use ahead of the clock ({@link
   * ReportedTimes}).
   */
  public String defect(Instant now) {
    if (accountId == null || companyId == null || lastUsedAt == null) {
      return "accountId, companyId and lastUsedAt are required";
    }
    if (secretNumber < 1 || tokensIssued < 0) {
      return "secretNumber must be at least 1 and tokensIssued at least 0";
    }
    String late = ReportedTimes.defect(lastUsedAt, now);
    return late == null ? null : "lastUsedAt " + late;
  }
}
