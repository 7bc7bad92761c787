package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.intake.ConflictingEventException;
import com.serviceaccounts.intake.PollTransactions;
import com.serviceaccounts.intake.VersionGapException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the credentials store up to date, applying an event only when it is the account's next
 * version: an event at or below the stored version is a duplicate and changes nothing; one beyond
 * the next version (or an event of an account never created) is a gap, which the events after it
 * wait behind. A purge deletes the row and leaves a tombstone, so nothing of the account comes
 * back.
 *
 * <p>A poll's events are applied in the caller's transaction: the rows of their accounts are read
 * and locked in one statement, the events applied to them in memory, and the rows that changed
 * written in a batch per kind of change.
 */
@Component
class CredentialsProjection {

  private static final Logger log = LoggerFactory.getLogger(CredentialsProjection.class);

  private final ClientCredentialsRepository credentials;

  CredentialsProjection(ClientCredentialsRepository credentials) {
    this.credentials = credentials;
  }

  /**
   * What applying some events did.
   *
   * @param progress how many of them were applied or skipped before the first that waits
   * @param changed the client ids whose credentials changed, at their account's newest version
   */
  record Applied(PollTransactions.Progress progress, Map<String, Long> changed)
      implements PollTransactions.Outcome<Applied> {

    /** Of no events. */
    static final Applied NONE = new Applied(PollTransactions.Progress.NONE, Map.of());

    @Override
    public RuntimeException waiting() {
      return progress.waiting();
    }

    @Override
    public int firstWaiting() {
      return progress.firstWaiting();
    }

    @Override
    public boolean done(int index) {
      return progress.done(index);
    }

    @Override
    public Applied waitingFor(RuntimeException why) {
      return new Applied(progress.waitingFor(why), changed);
    }

    @Override
    public Applied then(Applied later) {
      Map<String, Long> both = new HashMap<>(changed);
      both.putAll(later.changed);
      return new Applied(progress.then(later.progress), both);
    }
  }

  Applied apply(List<EventEnvelope> events) {
    Set<UUID> accounts = events.stream().map(EventEnvelope::accountId).collect(Collectors.toSet());
    Changes changes =
        new Changes(credentials.lock(accounts), credentials.purgedAtVersions(accounts));
    for (int i = 0; i < events.size(); i++) {
      VersionGapException gap = changes.apply(events.get(i));
      if (gap != null) {
        changes.write();
        return new Applied(new PollTransactions.Progress(i, gap), changes.clients);
      }
    }
    changes.write();
    return new Applied(new PollTransactions.Progress(events.size(), null), changes.clients);
  }

  /** The locked accounts' credentials, as read and as the events applied since left them. */
  private final class Changes {

    private final Map<UUID, StoredClientCredentials> stored;
    private final Map<UUID, StoredClientCredentials> current;
    private final Map<UUID, Long> purged;
    private final Map<UUID, Long> purgedNow = new HashMap<>();
    private final Map<String, Long> clients = new HashMap<>();

    /** The id of the event each account was brought to its current version by, in this poll. */
    private final Map<UUID, UUID> eventIds = new HashMap<>();

    private Changes(Map<UUID, StoredClientCredentials> stored, Map<UUID, Long> purged) {
      this.stored = stored;
      this.current = new HashMap<>(stored);
      this.purged = new HashMap<>(purged);
    }

    /** Applies the event, or skips it; returns why it has to wait instead, if it does. */
    private VersionGapException apply(EventEnvelope event) {
      UUID account = event.accountId();
      if (event.payload() instanceof ServiceAccountCreated created) {
        if (current.containsKey(account) && current.get(account).version() == event.version()) {
          sameAsApplied(event);
        }
        if (current.containsKey(account) || purged.containsKey(account)) {
          log.debug(
              "account {} already known or purged; creation {} skipped", account, event.eventId());
        } else if (event.version() != 1) {
          // A creation is an account's version 1: the account's later events would be skipped
          // as duplicates of this one.
          return new VersionGapException(event, "a creation is its account's version 1");
        } else {
          current.put(account, StoredClientCredentials.created(created, event.version()));
          eventIds.put(account, event.eventId());
          clients.put(created.clientId(), event.version());
        }
        return null;
      }
      StoredClientCredentials now = current.get(account);
      if (now == null) {
        Long purgedAt = purged.get(account);
        if (purgedAt == null) {
          return new VersionGapException(event, "the account is unknown");
        }
        log.debug(
            "account {} was purged at version {}; event {} (version {}) skipped",
            account,
            purgedAt,
            event.eventId(),
            event.version());
        return null;
      }
      if (event.version() == now.version()) {
        sameAsApplied(event);
      }
      if (event.version() <= now.version()) {
        log.debug(
            "account {} is at version {}; event {} skipped",
            account,
            now.version(),
            event.eventId());
        return null;
      }
      if (event.version() > now.version() + 1) {
        return new VersionGapException(event, "the credentials are at version " + now.version());
      }
      if (event.payload() instanceof ServiceAccountPurged) {
        current.remove(account);
        purged.put(account, event.version());
        purgedNow.put(account, event.version());
      } else {
        current.put(account, now.after(event.payload(), event.occurredAt(), event.version()));
      }
      eventIds.put(account, event.eventId());
      clients.put(now.clientId(), event.version());
      return null;
    }

    /**
     * Checks that an event of the account's current version is the event applied at it: a
     * redelivery, not a second event given that version (a real deactivation skipped so would leave
     * the account issuing tokens). Rows written before event ids were kept pass.
     *
     * @throws ConflictingEventException if it is another event
     */
    private void sameAsApplied(EventEnvelope event) {
      UUID applied =
          eventIds.containsKey(event.accountId())
              ? eventIds.get(event.accountId())
              : credentials.eventId(event.accountId());
      if (applied != null && !applied.equals(event.eventId())) {
        throw ConflictingEventException.inAccountVersions(event, applied);
      }
    }

    /** Writes what changed: new rows, changed rows, purges. */
    private void write() {
      List<StoredClientCredentials> inserts = new ArrayList<>();
      List<StoredClientCredentials> updates = new ArrayList<>();
      current.forEach(
          (account, row) -> {
            StoredClientCredentials before = stored.get(account);
            if (before == null) {
              inserts.add(row);
            } else if (before.version() != row.version()) {
              updates.add(row);
            }
          });
      credentials.insert(inserts, eventIds);
      credentials.update(updates, eventIds);
      credentials.purge(purgedNow);
    }
  }
}
