package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.query.intake.Projection;
import com.serviceaccounts.query.intake.VersionGapException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one row per account, applying an event only when it is the account's next version: an event
 * at or below the stored version is a duplicate and changes nothing; one beyond the next version
 * (or an event of an account never created) is a gap and is retried.
 *
 * <p>A purge deletes the row and leaves a tombstone with the purge's version: any later record of
 * that account (a redelivery, a stale duplicate, even its creation) is skipped, never taken for a
 * gap, and never brings the row back.
 */
@Component
class ServiceAccountListingProjection implements Projection {

  private static final Logger log = LoggerFactory.getLogger(ServiceAccountListingProjection.class);

  private final ServiceAccountListingRepository accounts;

  ServiceAccountListingProjection(ServiceAccountListingRepository accounts) {
    this.accounts = accounts;
  }

  /**
   * Every event type must have a handler that advances the row's version, even one that changes no
   * listed field, or the account's next event would look like a gap. An unhandled type fails
   * loudly.
   */
  @Override
  public void apply(EventEnvelope event) {
    ServiceAccountEvent payload = event.payload();
    if (payload instanceof ServiceAccountCreated created) {
      onCreated(event, created);
      return;
    }
    boolean applied;
    if (payload instanceof ServiceAccountEdited edited) {
      applied = accounts.applyIfNext(event, edited);
    } else if (payload instanceof ServiceAccountPermissionsChanged changed) {
      applied = accounts.applyIfNext(event, changed);
    } else if (payload instanceof ClientSecretRotated rotated) {
      applied = accounts.applyIfNext(event, rotated);
    } else if (payload instanceof ServiceAccountDeactivated) {
      applied = accounts.applyIfNext(event, AccountStatus.DEACTIVATED);
    } else if (payload instanceof ServiceAccountReactivated) {
      applied = accounts.applyIfNext(event, AccountStatus.ACTIVE);
    } else if (payload instanceof ServiceAccountDeleted deleted) {
      applied = accounts.applyIfNext(event, deleted);
    } else if (payload instanceof ServiceAccountRestored restored) {
      applied = accounts.applyIfNext(event, restored);
    } else if (payload instanceof ServiceAccountPurged) {
      applied = accounts.purgeIfNext(event);
    } else {
      throw new IllegalStateException("the listing has no handler for " + event.type());
    }
    if (!applied) {
      notApplied(event);
    }
  }

  private void onCreated(EventEnvelope event, ServiceAccountCreated created) {
    if (!accounts.insertIfAbsent(event, created)) {
      log.debug(
          "listing already has (or has purged) account {}; creation event {} skipped",
          event.accountId(),
          event.eventId());
    }
  }

  /** Tells a duplicate (skipped) from a gap (thrown, so that the record is retried). */
  private void notApplied(EventEnvelope event) {
    Optional<Long> stored = accounts.version(event.accountId());
    if (stored.isPresent()) {
      if (stored.get() < event.version() - 1) {
        throw new VersionGapException(event, "the listing is at version " + stored.get());
      }
      log.debug(
          "listing of account {} is at version {}; event {} skipped",
          event.accountId(),
          stored.get(),
          event.eventId());
      return;
    }
    long purgedAt =
        accounts
            .purgedAtVersion(event.accountId())
            .orElseThrow(() -> new VersionGapException(event, "the account is unknown"));
    if (event.version() <= purgedAt) {
      log.debug(
          "account {} was purged at version {}; event {} skipped",
          event.accountId(),
          purgedAt,
          event.eventId());
    } else {
      // A purge is an account's last event: nothing can follow it, and waiting would not help.
      log.warn(
          "account {} was purged at version {}; {} {} (version {}) after the purge skipped",
          event.accountId(),
          purgedAt,
          event.type().shortName(),
          event.eventId(),
          event.version());
    }
  }
}
