package com.serviceaccounts.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How the listing applies a transaction's events to the rows read at its start: each event type's
 * change, and how a duplicate (skipped) is told from a gap (retried).
 */
class ServiceAccountListingProjectionTest {

  static final UUID ACCOUNT = UUID.randomUUID();
  static final UUID COMPANY = UUID.randomUUID();
  static final Instant CREATED_AT = Instant.parse("2026-11-28T10:00:00Z");

  final ListingRows accounts = mock(ListingRows.class);
  final ServiceAccountListingProjection projection = new ServiceAccountListingProjection(accounts);

  @Test
  void eventsOfOneTransactionApplyInTurnToTheRowItCreated() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(), Map.of());

    rows.apply(event(1, created()));
    rows.apply(
        event(
            2,
            new ServiceAccountEdited(
                ACCOUNT, COMPANY, new ValueChange<>("Sync", "Nightly sync"), null, null)));
    rows.apply(event(3, new ServiceAccountDeactivated(ACCOUNT, COMPANY)));
    rows.apply(event(4, new ServiceAccountReactivated(ACCOUNT, COMPANY)));

    ListingRow row = rows.rows().get(ACCOUNT);
    assertThat(row.storedVersion).isNull();
    assertThat(row.version).isEqualTo(4);
    assertThat(row.name).isEqualTo("Nightly sync");
    assertThat(row.status).isEqualTo("ACTIVE");
    assertThat(row.lastEditedBy).isEqualTo("alice@acme.example");
    assertThat(row.secrets.toString())
        .isEqualTo("[{\"number\":1,\"createdAt\":\"2026-11-28T10:00:00Z\",\"expiresAt\":null}]");
  }

  @Test
  void aPermissionSetToNoneLeavesTheStoredMatrix() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(), Map.of());
    rows.apply(event(1, created()));

    rows.apply(event(2, permissions(Map.of("reports", level(null, PermissionLevel.ADMIN)))));
    rows.apply(
        event(
            3,
            permissions(
                Map.of(
                    "reports",
                    level(PermissionLevel.ADMIN, PermissionLevel.NONE),
                    "directory",
                    level(null, PermissionLevel.READ_ONLY)))));

    assertThat(rows.rows().get(ACCOUNT).permissions.toString())
        .isEqualTo("{\"directory\":\"READ_ONLY\"}");
  }

  @Test
  void aRotationEndsTheSecretsStillValidAndAddsTheNewOne() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(), Map.of());
    rows.apply(event(1, created()));
    Instant firstEnds = Instant.parse("2026-11-29T10:00:00Z");

    rows.apply(
        event(
            2,
            new ClientSecretRotated(ACCOUNT, COMPANY, 2, ClientSecretHash.of("secret"), firstEnds),
            CREATED_AT));
    rows.apply(
        event(
            3,
            new ClientSecretRotated(
                ACCOUNT,
                COMPANY,
                3,
                ClientSecretHash.of("secret"),
                Instant.parse("2026-12-10T00:00:00Z")),
            Instant.parse("2026-12-01T00:00:00Z")));

    assertThat(rows.rows().get(ACCOUNT).secrets)
        .extracting(secret -> secret.get("number").asInt() + " " + secret.get("expiresAt"))
        .containsExactly("1 \"2026-11-29T10:00:00Z\"", "2 \"2026-12-10T00:00:00Z\"", "3 null");
  }

  @Test
  void anEventOfAnAccountNeitherListedNorPurgedIsOutOfStep() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(), Map.of());

    assertThat(rows.outOfStep(event(2, new ServiceAccountDeactivated(ACCOUNT, COMPANY))))
        .hasMessageContaining("the account is unknown");
  }

  @Test
  void anEventAtAnyVersionButTheNextIsOutOfStep() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(ACCOUNT, storedAt(2)), Map.of());

    // Its company's order let it through: not a redelivery, but a version the row has, or one
    // whose predecessors will never come.
    for (EventEnvelope event :
        List.of(
            event(2, new ServiceAccountDeactivated(ACCOUNT, COMPANY)),
            event(1, created()),
            event(2, created()),
            event(4, new ServiceAccountPurged(ACCOUNT, COMPANY)))) {
      assertThat(rows.outOfStep(event)).hasMessageContaining("the listing is at version 2");
    }
    assertThat(rows.rows().get(ACCOUNT).status).isEqualTo("ACTIVE");
    rows.apply(event(3, new ServiceAccountDeactivated(ACCOUNT, COMPANY)));
    assertThat(rows.rows().get(ACCOUNT).status).isEqualTo("DEACTIVATED");
  }

  @Test
  void aCreationWithAnotherAccountsClientIdIsOutOfStep() {
    UUID other = UUID.randomUUID();
    ServiceAccountListingProjection.Rows rows =
        prepare(Map.of(), Map.of(), Map.of(created().clientId(), other));

    assertThat(rows.outOfStep(event(1, created())))
        .hasMessageContaining("its client id is another account's");

    // Nor in one batch: the first creation takes the client id.
    ServiceAccountListingProjection.Rows batch = prepare(Map.of(), Map.of(), Map.of());
    EventEnvelope first = event(1, created());
    assertThat(batch.outOfStep(first)).isNull();
    batch.apply(first);
    ServiceAccountCreated second =
        new ServiceAccountCreated(
            other,
            COMPANY,
            created().clientId(),
            ClientSecretHash.of("other"),
            "Other",
            AppType.CUSTOM,
            null,
            "sealed");
    EventEnvelope secondCreation =
        new EventEnvelope(
            UUID.randomUUID(),
            EventType.of(second),
            other,
            COMPANY,
            1,
            2,
            CREATED_AT,
            "alice@acme.example",
            "user",
            "req-2",
            second);
    assertThat(batch.outOfStep(secondCreation))
        .hasMessageContaining("its client id is another account's");
  }

  @Test
  void anEventOfAnotherCompanysAccountIsOutOfStep() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(ACCOUNT, storedAt(2)), Map.of());
    UUID other = UUID.randomUUID();
    ServiceAccountDeactivated deactivated = new ServiceAccountDeactivated(ACCOUNT, other);
    // The next version of the account, in another company's order.
    EventEnvelope forged =
        new EventEnvelope(
            UUID.randomUUID(),
            EventType.of(deactivated),
            ACCOUNT,
            other,
            3,
            1,
            CREATED_AT,
            "mallory@other.example",
            "user",
            "req-2",
            deactivated);

    assertThat(rows.outOfStep(forged)).hasMessageContaining("the account is another company's");
    assertThat(rows.rows().get(ACCOUNT).status).isEqualTo("ACTIVE");
  }

  @Test
  void anEventOfAPurgedAccountIsSkippedWhetherItCameBeforeThePurgeOrAfterIt() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(), Map.of(ACCOUNT, 5L));

    rows.apply(event(5, new ServiceAccountPurged(ACCOUNT, COMPANY)));
    rows.apply(event(3, new ServiceAccountDeactivated(ACCOUNT, COMPANY)));
    rows.apply(event(6, new ServiceAccountReactivated(ACCOUNT, COMPANY)));
    rows.apply(event(1, created()));

    assertThat(rows.rows()).isEmpty();
    assertThat(rows.purges()).isEmpty();
  }

  @Test
  void aPurgeRemovesTheRowAndLeavesATombstoneThatLaterEventsRespect() {
    ServiceAccountListingProjection.Rows rows = prepare(Map.of(ACCOUNT, storedAt(2)), Map.of());

    rows.apply(event(3, new ServiceAccountPurged(ACCOUNT, COMPANY)));
    rows.apply(event(1, created()));

    assertThat(rows.rows()).isEmpty();
    assertThat(rows.purges())
        .singleElement()
        .satisfies(
            purge -> {
              assertThat(purge.version()).isEqualTo(3);
              assertThat(purge.row().storedVersion).isEqualTo(2);
            });
  }

  private ServiceAccountListingProjection.Rows prepare(
      Map<UUID, ListingRow> stored, Map<UUID, Long> purged) {
    given(accounts.lockRows(any())).willReturn(stored);
    return prepare(stored, purged, Map.of());
  }

  private ServiceAccountListingProjection.Rows prepare(
      Map<UUID, ListingRow> stored, Map<UUID, Long> purged, Map<String, UUID> clients) {
    given(accounts.lockRows(any())).willReturn(stored);
    given(accounts.purgedVersions(any())).willReturn(purged);
    given(accounts.accountsOfClients(any())).willReturn(clients);
    return (ServiceAccountListingProjection.Rows) projection.prepare(List.of(event(1, created())));
  }

  private static ListingRow storedAt(long version) {
    ListingRow row = ListingRow.created(event(1, created()), created());
    ListingRow stored =
        new ListingRow(
            row.id, row.companyId, row.clientId, null, row.createdAt, row.createdBy, version);
    stored.name = row.name;
    stored.appType = row.appType;
    stored.status = row.status;
    stored.permissions = row.permissions;
    stored.secrets = row.secrets;
    stored.version = version;
    return stored;
  }

  private static ServiceAccountCreated created() {
    return new ServiceAccountCreated(
        ACCOUNT,
        COMPANY,
        "client-1",
        ClientSecretHash.of("secret"),
        "Sync",
        AppType.CUSTOM,
        null,
        "sealed");
  }

  private static ServiceAccountPermissionsChanged permissions(
      Map<String, ValueChange<PermissionLevel>> changes) {
    return new ServiceAccountPermissionsChanged(ACCOUNT, COMPANY, changes);
  }

  private static ValueChange<PermissionLevel> level(PermissionLevel before, PermissionLevel after) {
    return new ValueChange<>(before, after);
  }

  private static EventEnvelope event(long version, ServiceAccountEvent payload) {
    return event(version, payload, CREATED_AT);
  }

  private static EventEnvelope event(long version, ServiceAccountEvent payload, Instant at) {
    return new EventEnvelope(
        UUID.randomUUID(),
        EventType.of(payload),
        ACCOUNT,
        COMPANY,
        version,
        version,
        at,
        "alice@acme.example",
        "user",
        "req-1",
        payload);
  }
}
