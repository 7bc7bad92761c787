package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.ReportedTimes;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted when an account is deleted. Deletion is soft: the account can be restored until {@code
 * restorableUntil}; after that it is purged for good.
 *
 * @param accountId the account
 * @param companyId the account's company
 * @param previousStatus the status it had, and gets back if it is restored
 * @param restorableUntil the end of the window in which it can be restored
 */
public record ServiceAccountDeleted(
    UUID accountId, UUID companyId, AccountStatus previousStatus, Instant restorableUntil)
    implements ServiceAccountEvent {

  public ServiceAccountDeleted {
    Objects.requireNonNull(previousStatus, "previousStatus");
    ReportedTimes.requireFourDigitYears(
        "restorableUntil", Objects.requireNonNull(restorableUntil, "restorableUntil"));
  }
}
