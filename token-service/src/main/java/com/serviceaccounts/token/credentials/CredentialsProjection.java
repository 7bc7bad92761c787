package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.intake.VersionGapException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the credentials store up to date, applying an event only when it is the account's next
 * version: an event at or below the stored version is a duplicate and changes nothing; one beyond
 * the next version (or an event of an account never created) is a gap and is retried. A purge
 * deletes the row and leaves a tombstone, so nothing of the account comes back. Once a change
 * commits, {@link CredentialsChanges} wakes the token requests waiting for that client id.
 */
@Component
class CredentialsProjection {

  private static final Logger log = LoggerFactory.getLogger(CredentialsProjection.class);

  private final ClientCredentialsRepository credentials;
  private final CredentialsChanges changes;

  CredentialsProjection(ClientCredentialsRepository credentials, CredentialsChanges changes) {
    this.credentials = credentials;
    this.changes = changes;
  }

  @Transactional
  public void apply(EventEnvelope event) {
    if (event.payload() instanceof ServiceAccountCreated created) {
      if (credentials.insertIfAbsent(StoredClientCredentials.created(created, event.version()))) {
        announceAfterCommit(created.clientId());
      } else {
        log.debug(
            "account {} already known or purged; creation {} skipped",
            created.accountId(),
            event.eventId());
      }
      return;
    }
    Optional<StoredClientCredentials> current = credentials.lock(event.accountId());
    if (current.isEmpty()) {
      skipOrWaitForAnUnknownAccount(event);
      return;
    }
    long stored = current.get().version();
    if (event.version() <= stored) {
      log.debug(
          "account {} is at version {}; event {} skipped",
          event.accountId(),
          stored,
          event.eventId());
      return;
    }
    if (event.version() > stored + 1) {
      throw new VersionGapException(event, "the credentials are at version " + stored);
    }
    if (event.payload() instanceof ServiceAccountPurged) {
      credentials.purge(event.accountId(), event.version());
    } else {
      credentials.update(current.get().after(event.payload(), event.occurredAt(), event.version()));
    }
    announceAfterCommit(current.get().clientId());
  }

  /** Wakes the client's waiting token requests once this transaction has committed. */
  private void announceAfterCommit(String clientId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      changes.committed(clientId);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            changes.committed(clientId);
          }
        });
  }

  private void skipOrWaitForAnUnknownAccount(EventEnvelope event) {
    long purgedAt =
        credentials
            .purgedAtVersion(event.accountId())
            .orElseThrow(() -> new VersionGapException(event, "the account is unknown"));
    log.debug(
        "account {} was purged at version {}; event {} (version {}) skipped",
        event.accountId(),
        purgedAt,
        event.eventId(),
        event.version());
  }
}
