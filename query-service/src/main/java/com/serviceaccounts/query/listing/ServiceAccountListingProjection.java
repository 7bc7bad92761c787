package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.query.intake.Projection;
import com.serviceaccounts.query.intake.VersionGapException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one row per account, applying an event only when it is the account's next version: an event
 * at or below the stored version is a duplicate and changes nothing; one beyond the next version
 * (or an edit of an account never created) is a gap and is retried.
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
    if (event.payload() instanceof ServiceAccountCreated created) {
      on(event, created);
    } else if (event.payload() instanceof ServiceAccountEdited edited) {
      on(event, edited);
    } else {
      throw new IllegalStateException("the listing has no handler for " + event.type());
    }
  }

  private void on(EventEnvelope event, ServiceAccountCreated created) {
    if (!accounts.insertIfAbsent(event, created)) {
      log.debug(
          "listing already has account {}; creation event {} skipped",
          event.accountId(),
          event.eventId());
    }
  }

  private void on(EventEnvelope event, ServiceAccountEdited edited) {
    if (!accounts.applyIfNext(event, edited)) {
      long stored =
          accounts
              .version(event.accountId())
              .orElseThrow(() -> new VersionGapException(event, "the account is unknown"));
      if (stored < event.version() - 1) {
        throw new VersionGapException(event, "the listing is at version " + stored);
      }
      log.debug(
          "listing of account {} is at version {}; event {} skipped",
          event.accountId(),
          stored,
          event.eventId());
    }
  }
}
