package com.serviceaccounts.events.serviceaccount;

import java.util.Objects;
import java.util.UUID;

/**
 * Emitted when a deleted account is restored within its window ("undelete").
 *
 * @param accountId the account
 * @param companyId the account's company
 * @param status the status it returns to: the one it had when it was deleted
 */
public record ServiceAccountRestored(UUID accountId, UUID companyId, AccountStatus status)
    implements ServiceAccountEvent {

  public ServiceAccountRestored {
    Objects.requireNonNull(status, "status");
  }
}
