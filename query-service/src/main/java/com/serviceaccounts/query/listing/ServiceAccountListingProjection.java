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
import com.serviceaccounts.intake.OutOfStepEventException;
import com.serviceaccounts.query.intake.ProjectedTable;
import com.serviceaccounts.query.intake.Projection;
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
 * Keeps one row per account, applying an event only when it is the account's next version, of the
 * account's company: any other that its company's order lets through (an account never created, or
 * another company's; a version the row has, or beyond the next; a creation with another account's
 * client id) is out of step ({@link OutOfStepEventException}): the account's missing events will
 * never come, and a redelivery would not have passed its company's order; it is parked at once.
 *
 * <p>A purge deletes the row and leaves a tombstone with the purge's version: any later record of
 * that account (a redelivery, a stale duplicate, even its creation) is skipped, never taken for a
 * gap, and never brings the row back.
 */
@Component
class ServiceAccountListingProjection implements Projection {

  private static final Logger log = LoggerFactory.getLogger(ServiceAccountListingProjection.class);

  private final ListingRows accounts;

  ServiceAccountListingProjection(ListingRows accounts) {
    this.accounts = accounts;
  }

  @Override
  public List<ProjectedTable> tables() {
    return List.of(
        ProjectedTable.keyed("service_account")
            .readBy(ListingRows.BY_CLIENT_ID)
            .carryingOver(LastUse.CARRY_OVER),
        ProjectedTable.keyed("purged_service_account"));
  }

  @Override
  public Changes prepare(List<EventEnvelope> events) {
    Set<UUID> ids = events.stream().map(EventEnvelope::accountId).collect(Collectors.toSet());
    return new Rows(
        accounts.lockRows(ids),
        accounts.purgedVersions(ids),
        accounts.accountsOfClients(ServiceAccountCreated.clientIdsOf(events)));
  }

  /** The rows a transaction's events touch, as read at its start and changed since. */
  final class Rows implements Changes {

    private final Map<UUID, ListingRow> rows;
    private final Map<UUID, Long> purged;
    private final List<Purge> purges = new ArrayList<>();

    /** The accounts of the batch's creations' client ids, as listed and created since. */
    private final Map<String, UUID> clients;

    Rows(Map<UUID, ListingRow> rows, Map<UUID, Long> purged, Map<String, UUID> clients) {
      this.rows = new LinkedHashMap<>(rows);
      this.purged = new LinkedHashMap<>(purged);
      this.clients = new HashMap<>(clients);
    }

    /**
     * Every event type must have a handler that advances the row's version, even one that changes
     * no listed field, or the account's next event would look like a gap. An unhandled type fails
     * loudly.
     */
    /**
     * An event its company's order lets through comes once, with its account's next version: one of
     * an account of another company, or at a version the listing already has (a second creation, an
     * edit that claims an applied version), is no redelivery but an event no command side wrote,
     * and it is parked at once.
     */
    @Override
    public OutOfStepEventException outOfStep(EventEnvelope event) {
      UUID account = event.accountId();
      if (rows.containsKey(account)) {
        ListingRow row = rows.get(account);
        if (!row.companyId.equals(event.companyId())) {
          return OutOfStepEventException.ofAnotherCompanysAccount(event);
        }
        if (row.version != event.version() - 1) {
          return new OutOfStepEventException(event, "the listing is at version " + row.version);
        }
        return event.payload() instanceof ServiceAccountPurged
                && !AccountStatus.DELETED.name().equals(row.status)
            ? new OutOfStepEventException(
                event, "a purge is of a deleted account, not " + row.status)
            : null;
      }
      if (purged.containsKey(account)) {
        // A purge is the account's last event, and its company's order has let through each of
        // the account's earlier events once already (a rebuild empties the purged accounts too).
        return new OutOfStepEventException(
            event, "the account was purged at version " + purged.get(account));
      }
      if (event.payload() instanceof ServiceAccountCreated created) {
        // A creation is an account's version 1: the account's later events would be skipped as
        // duplicates of this one.
        if (event.version() != 1) {
          return new OutOfStepEventException(event, "a creation is its account's version 1");
        }
        return OutOfStepEventException.ofAnotherAccountsClientId(event, created, clients);
      }
      return new OutOfStepEventException(event, "the account is unknown");
    }

    @Override
    public void apply(EventEnvelope event) {
      ServiceAccountEvent payload = event.payload();
      if (payload instanceof ServiceAccountCreated created) {
        onCreated(event, created);
        return;
      }
      ListingRow row = next(event);
      if (row == null) {
        return;
      }
      if (payload instanceof ServiceAccountEdited edited) {
        row.edited(event, edited);
      } else if (payload instanceof ServiceAccountPermissionsChanged changed) {
        row.permissionsChanged(changed);
      } else if (payload instanceof ClientSecretRotated rotated) {
        row.secretRotated(event, rotated);
      } else if (payload instanceof ServiceAccountDeactivated) {
        row.statusChanged(AccountStatus.DEACTIVATED);
      } else if (payload instanceof ServiceAccountReactivated) {
        row.statusChanged(AccountStatus.ACTIVE);
      } else if (payload instanceof ServiceAccountDeleted deleted) {
        row.deleted(event, deleted);
      } else if (payload instanceof ServiceAccountRestored restored) {
        row.restored(restored);
      } else if (payload instanceof ServiceAccountPurged) {
        rows.remove(event.accountId());
        purged.put(event.accountId(), event.version());
        purges.add(new Purge(row, event.version(), event.occurredAt()));
        return;
      } else {
        throw new IllegalStateException("the listing has no handler for " + event.type());
      }
      row.version = event.version();
    }

    private void onCreated(EventEnvelope event, ServiceAccountCreated created) {
      if (purged.containsKey(event.accountId())) {
        log.debug(
            "listing has purged account {}; creation event {} skipped",
            event.accountId(),
            event.eventId());
        return;
      }
      rows.put(event.accountId(), ListingRow.created(event, created));
      clients.put(created.clientId(), event.accountId());
    }

    /**
     * The row the event applies to, its account's next version; {@code null} for an event of a
     * purged account. The event is not out of step ({@link #outOfStep}).
     */
    private ListingRow next(EventEnvelope event) {
      ListingRow row = rows.get(event.accountId());
      if (row != null) {
        return row;
      }
      long purgedAt = purged.get(event.accountId());
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
      return null;
    }

    /** The rows as they are now: new, changed and unchanged. */
    Map<UUID, ListingRow> rows() {
      return Map.copyOf(rows);
    }

    /** The purges applied, in order. */
    List<Purge> purges() {
      return List.copyOf(purges);
    }

    @Override
    public void write() {
      accounts.write(rows.values(), purges);
    }
  }
}
