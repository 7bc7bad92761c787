package com.serviceaccounts.command.serviceaccount;

import static com.serviceaccounts.events.serviceaccount.AccountStatus.ACTIVE;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.DEACTIVATED;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.DELETED;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import java.time.Instant;
import java.util.UUID;

/**
 * The moves of an account's life, all in one table: from which status each may start, what else it
 * needs, the event it causes, and the status the API reports after it. {@link ServiceAccount}
 * applies them; {@link ServiceAccountCommandController} offers all but the purge, which only the
 * retention job sends.
 */
enum LifecycleTransition {
  DEACTIVATE(DEACTIVATED) {
    @Override
    ServiceAccountEvent decide(State account, ChangeLifecycle command) {
      account.requireStatus(ACTIVE, "only an active service account can be deactivated");
      return new ServiceAccountDeactivated(account.id(), account.companyId());
    }
  },

  REACTIVATE(ACTIVE) {
    @Override
    ServiceAccountEvent decide(State account, ChangeLifecycle command) {
      account.requireStatus(DEACTIVATED, "only a deactivated service account can be reactivated");
      return new ServiceAccountReactivated(account.id(), account.companyId());
    }
  },

  /** Soft delete: restorable until {@code now + restoreWindow}, then purged. */
  DELETE(DELETED) {
    @Override
    ServiceAccountEvent decide(State account, ChangeLifecycle command) {
      if (account.status() == DELETED) {
        throw new IllegalTransitionException(
            DELETED, "cannot delete a deleted service account; restore it first");
      }
      return new ServiceAccountDeleted(
          account.id(),
          account.companyId(),
          account.status(),
          command.now().plus(command.restoreWindow()));
    }
  },

  /** Undo a deletion within its restore window: back to the status it had. */
  RESTORE(null) {
    @Override
    ServiceAccountEvent decide(State account, ChangeLifecycle command) {
      account.requireStatus(DELETED, "only a deleted service account can be restored");
      if (!command.now().isBefore(account.restorableUntil())) {
        throw new IllegalTransitionException(
            DELETED,
            "the restore window of this service account closed at " + account.restorableUntil());
      }
      return new ServiceAccountRestored(
          account.id(), account.companyId(), account.statusBeforeDeletion());
    }
  },

  /** Remove a deleted account for good once its restore window has passed. */
  PURGE(null) {
    @Override
    ServiceAccountEvent decide(State account, ChangeLifecycle command) {
      account.requireStatus(DELETED, "only a deleted service account can be purged");
      if (command.now().isBefore(account.restorableUntil())) {
        throw new IllegalTransitionException(
            DELETED,
            "the service account can still be restored until " + account.restorableUntil());
      }
      return new ServiceAccountPurged(account.id(), account.companyId());
    }
  };

  private final AccountStatus reportedStatus;

  LifecycleTransition(AccountStatus reportedStatus) {
    this.reportedStatus = reportedStatus;
  }

  /**
   * The event the move causes on {@code account}.
   *
   * @throws IllegalTransitionException if the account's status does not allow it
   */
  abstract ServiceAccountEvent decide(State account, ChangeLifecycle command);

  /**
   * The status the API answers with after the move; {@code null} where it depends on the account (a
   * restore returns to the status before the deletion).
   */
  AccountStatus reportedStatus() {
    return reportedStatus;
  }

  /** What the rules read of an account. */
  record State(
      UUID id,
      UUID companyId,
      AccountStatus status,
      AccountStatus statusBeforeDeletion,
      Instant restorableUntil) {

    void requireStatus(AccountStatus required, String message) {
      if (status != required) {
        throw new IllegalTransitionException(status, message + "; it is " + status);
      }
    }
  }
}
