package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.intake.Admissions;
import com.serviceaccounts.intake.Admissions.Admission;
import com.serviceaccounts.intake.ConflictingEventException;
import com.serviceaccounts.intake.OutOfStepEventException;
import com.serviceaccounts.intake.PollTransactions;
import com.serviceaccounts.intake.VersionGapException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * version: an event at or below the stored version is a duplicate and changes nothing, if it is the
 * event applied at that version (another is parked at once, in the poll, as is one naming an
 * account of another company or a creation with another account's client id: no command side wrote
 * any of them); one beyond the next version (or an event of an account never created) is a gap,
 * which the events after it wait behind. A purge deletes the row and leaves a tombstone, so nothing
 * of the account comes back.
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
   * @param admissions what became of each of them
   * @param changed the client ids whose credentials changed, at their account's newest version
   */
  record Applied(Admissions admissions, Map<String, Long> changed)
      implements PollTransactions.Outcome<Applied> {

    /** Of no events. */
    static final Applied NONE = new Applied(Admissions.NONE, Map.of());

    @Override
    public Applied with(Admissions admissions) {
      return new Applied(admissions, changed);
    }

    @Override
    public Applied then(Applied later) {
      Map<String, Long> both = new HashMap<>(changed);
      both.putAll(later.changed);
      return new Applied(admissions.then(later.admissions), both);
    }
  }

  Applied apply(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return Applied.NONE;
    }
    Set<UUID> accounts = events.stream().map(EventEnvelope::accountId).collect(Collectors.toSet());
    Changes changes =
        new Changes(
            credentials.lock(accounts),
            credentials.purgedAtVersions(accounts),
            credentials.accountsOfClients(ServiceAccountCreated.clientIdsOf(events)),
            events);
    Admissions admissions =
        Admissions.inPasses(
            events, event -> List.of(event.accountId(), event.companyId()), changes);
    changes.write();
    return new Applied(admissions, changes.clients);
  }

  /** The locked accounts' credentials, as read and as the events applied since left them. */
  private final class Changes implements Admissions.Admitter {

    private final Map<UUID, StoredClientCredentials> stored;
    private final Map<UUID, StoredClientCredentials> current;
    private final Map<UUID, Long> purged;
    private final Map<UUID, Long> purgedNow = new HashMap<>();
    private final Map<String, Long> clients = new HashMap<>();

    /** The ids of the events applied before at the versions of the batch's events. */
    private final Map<CredentialsVersion, UUID> appliedBefore;

    /** The events applied in this batch, by account and version. */
    private final Map<CredentialsVersion, EventEnvelope> applied = new LinkedHashMap<>();

    /** The accounts of the batch's creations' client ids, as stored and created since. */
    private final Map<String, UUID> accountsOfClients;

    private Changes(
        Map<UUID, StoredClientCredentials> stored,
        Map<UUID, Long> purged,
        Map<String, UUID> accountsOfClients,
        List<EventEnvelope> events) {
      this.stored = stored;
      this.current = new HashMap<>(stored);
      this.purged = new HashMap<>(purged);
      this.accountsOfClients = new HashMap<>(accountsOfClients);
      this.appliedBefore =
          credentials.appliedEventIds(
              events.stream()
                  .map(event -> new CredentialsVersion(event.accountId(), event.version()))
                  .filter(this::appliedBefore)
                  .toList());
    }

    /** Whether the account had reached the version when its row was locked. */
    private boolean appliedBefore(CredentialsVersion event) {
      StoredClientCredentials row = stored.get(event.account());
      long reached = row != null ? row.version() : purged.getOrDefault(event.account(), 0L);
      return event.version() <= reached;
    }

    /**
     * Why the account cannot take the event, or null if it can: no command side wrote it, and it is
     * parked at once, in the poll ({@code OUT_OF_STEP}).
     *
     * @return an {@link OutOfStepEventException} if it names an account of another company, is a
     *     creation with another account's client id, follows its account's purge, or purges an
     *     account that is not deleted; a {@link ConflictingEventException} if another event was
     *     applied at its version
     */
    @Override
    public RuntimeException refusal(EventEnvelope event) {
      UUID account = event.accountId();
      StoredClientCredentials now = current.get(account);
      if (now != null && !now.companyId().equals(event.companyId())) {
        return OutOfStepEventException.ofAnotherCompanysAccount(event);
      }
      if (event.payload() instanceof ServiceAccountCreated created) {
        OutOfStepEventException claimed =
            OutOfStepEventException.ofAnotherAccountsClientId(event, created, accountsOfClients);
        if (claimed != null) {
          return claimed;
        }
      }
      long reached = now != null ? now.version() : purged.getOrDefault(account, 0L);
      if (event.version() <= reached) {
        return conflict(event);
      }
      if (now == null && purged.containsKey(account)) {
        // A purge is the account's last event.
        return new OutOfStepEventException(event, "the account was purged at version " + reached);
      }
      return now != null
              && event.version() == reached + 1
              && event.payload() instanceof ServiceAccountPurged
              && now.status() != AccountStatus.DELETED
          ? new OutOfStepEventException(
              event, "a purge is of a deleted account, not " + now.status())
          : null;
    }

    /**
     * Applies an event {@link #refusal} lets through, skips it as a duplicate, or leaves it waiting
     * for its predecessor.
     */
    @Override
    public Admission apply(EventEnvelope event) {
      UUID account = event.accountId();
      StoredClientCredentials now = current.get(account);
      long reached = now != null ? now.version() : purged.getOrDefault(account, 0L);
      if (event.version() <= reached) {
        log.debug(
            "account {} is at version {}; event {} skipped", account, reached, event.eventId());
        return Admission.DUPLICATE;
      }
      if (purged.containsKey(account)) {
        log.debug(
            "account {} was purged at version {}; event {} (version {}) skipped",
            account,
            reached,
            event.eventId(),
            event.version());
        return Admission.DUPLICATE;
      }
      if (event.version() != reached + 1
          || (now == null) != (event.payload() instanceof ServiceAccountCreated)) {
        return Admission.EARLY;
      }
      if (event.payload() instanceof ServiceAccountCreated created) {
        current.put(account, StoredClientCredentials.created(created, event.version()));
        clients.put(created.clientId(), event.version());
        accountsOfClients.put(created.clientId(), account);
      } else if (event.payload() instanceof ServiceAccountPurged) {
        current.remove(account);
        purged.put(account, event.version());
        purgedNow.put(account, event.version());
        clients.put(now.clientId(), event.version());
        accountsOfClients.remove(now.clientId());
      } else {
        current.put(account, now.after(event.payload(), event.occurredAt(), event.version()));
        clients.put(now.clientId(), event.version());
      }
      applied.put(new CredentialsVersion(account, event.version()), event);
      return Admission.NEXT;
    }

    @Override
    public VersionGapException gap(EventEnvelope event) {
      StoredClientCredentials now = current.get(event.accountId());
      if (event.payload() instanceof ServiceAccountCreated) {
        // A creation is an account's version 1: the account's later events would be skipped as
        // duplicates of one given another version.
        return new VersionGapException(event, "a creation is its account's version 1");
      }
      if (now == null) {
        return new VersionGapException(event, "the account is unknown");
      }
      return new VersionGapException(event, "the credentials are at version " + now.version());
    }

    /**
     * Whether an event of a version the account has had is not the event applied at it: not a
     * redelivery but a second event given that version (a real deactivation skipped so would leave
     * the account issuing tokens). Versions applied before event ids were kept pass.
     *
     * @return why it is another event, or null if it is the one applied
     */
    private ConflictingEventException conflict(EventEnvelope event) {
      CredentialsVersion at = new CredentialsVersion(event.accountId(), event.version());
      EventEnvelope inThisBatch = applied.get(at);
      UUID appliedId = inThisBatch != null ? inThisBatch.eventId() : appliedBefore.get(at);
      return appliedId != null && !appliedId.equals(event.eventId())
          ? ConflictingEventException.inAccountVersions(event, appliedId)
          : null;
    }

    /** Writes what changed: new rows, changed rows, purges, and the ids of the events applied. */
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
      credentials.insert(inserts);
      credentials.update(updates);
      credentials.purge(purgedNow);
      credentials.applied(List.copyOf(applied.values()));
    }
  }
}
