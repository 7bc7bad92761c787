package com.serviceaccounts.command.serviceaccount;

import static com.serviceaccounts.command.serviceaccount.ServiceAccountTest.ACCOUNT;
import static com.serviceaccounts.command.serviceaccount.ServiceAccountTest.COMPANY;
import static com.serviceaccounts.command.serviceaccount.ServiceAccountTest.created;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.ACTIVE;
import static com.serviceaccounts.events.serviceaccount.AccountStatus.DEACTIVATED;
import static com.serviceaccounts.events.serviceaccount.AppType.CUSTOM;
import static com.serviceaccounts.events.serviceaccount.PermissionLevel.ADMIN;
import static com.serviceaccounts.events.serviceaccount.PermissionLevel.NONE;
import static com.serviceaccounts.events.serviceaccount.PermissionLevel.READ_ONLY;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.security.personaldata.InMemoryKeyStore;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Permissions, secret rotation, the life cycle and optimistic versions of one account. */
class ServiceAccountLifecycleTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Duration WINDOW = Duration.ofDays(30);

  private FixtureConfiguration<ServiceAccount> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(ServiceAccount.class);
    fixture.registerInjectableResource(new MarketplaceCatalogue(Set.of("sage-intacct")));
    fixture.registerInjectableResource(new PersonalDataVault(new InMemoryKeyStore()));
  }

  static ConfigureServiceAccountPermissions permissions(Map<String, PermissionLevel> levels) {
    return new ConfigureServiceAccountPermissions(ACCOUNT, COMPANY, levels, null);
  }

  static ServiceAccountDeleted deleted() {
    return new ServiceAccountDeleted(ACCOUNT, COMPANY, ACTIVE, NOW.plus(WINDOW));
  }

  static ChangeLifecycle change(LifecycleTransition transition, Instant now) {
    return new ChangeLifecycle(ACCOUNT, COMPANY, transition, now, WINDOW, null);
  }

  /**
   * The whole table: which moves each status allows. Accounts are deleted at {@code NOW} and moved
   * a day later, inside the restore window, except for the purge, which is tried after it.
   */
  @Test
  void eachMoveStartsOnlyFromItsStatuses() {
    Map<String, List<Object>> histories =
        Map.of(
            "ACTIVE", List.of(created("ERP", CUSTOM, null)),
            "DEACTIVATED",
                List.of(
                    created("ERP", CUSTOM, null), new ServiceAccountDeactivated(ACCOUNT, COMPANY)),
            "DELETED", List.of(created("ERP", CUSTOM, null), deleted()));
    Map<LifecycleTransition, Set<String>> allowedFrom =
        Map.of(
            LifecycleTransition.DEACTIVATE, Set.of("ACTIVE"),
            LifecycleTransition.REACTIVATE, Set.of("DEACTIVATED"),
            LifecycleTransition.DELETE, Set.of("ACTIVE", "DEACTIVATED"),
            LifecycleTransition.RESTORE, Set.of("DELETED"),
            LifecycleTransition.PURGE, Set.of("DELETED"));
    for (LifecycleTransition transition : LifecycleTransition.values()) {
      Instant at =
          transition == LifecycleTransition.PURGE ? NOW.plus(WINDOW) : NOW.plus(Duration.ofDays(1));
      histories.forEach(
          (status, history) -> {
            var result = fixture.given(history).when(change(transition, at));
            if (allowedFrom.get(transition).contains(status)) {
              result.expectSuccessfulHandlerExecution();
            } else {
              result.expectException(IllegalTransitionException.class).expectNoEvents();
            }
          });
    }
  }

  @Test
  void permissionsChangeListsOnlyTheToolsThatChangeFromNone() {
    Map<String, PermissionLevel> levels = new LinkedHashMap<>();
    levels.put("reports", READ_ONLY);
    levels.put("documents", NONE);
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(permissions(levels))
        .expectEvents(
            new ServiceAccountPermissionsChanged(
                ACCOUNT, COMPANY, Map.of("reports", new ValueChange<>(NONE, READ_ONLY))))
        .expectResultMessagePayload(2L);
  }

  @Test
  void permissionsThatChangeNothingEmitNothing() {
    fixture
        .given(
            created("ERP", CUSTOM, null),
            new ServiceAccountPermissionsChanged(
                ACCOUNT, COMPANY, Map.of("reports", new ValueChange<>(NONE, ADMIN))))
        .when(permissions(Map.of("reports", ADMIN, "schedule", NONE)))
        .expectNoEvents()
        .expectResultMessagePayload(2L);
  }

  @Test
  void permissionsRememberEarlierLevelsAsBefore() {
    fixture
        .given(
            created("ERP", CUSTOM, null),
            new ServiceAccountPermissionsChanged(
                ACCOUNT, COMPANY, Map.of("reports", new ValueChange<>(NONE, ADMIN))))
        .when(permissions(Map.of("reports", READ_ONLY)))
        .expectEvents(
            new ServiceAccountPermissionsChanged(
                ACCOUNT, COMPANY, Map.of("reports", new ValueChange<>(ADMIN, READ_ONLY))));
  }

  @Test
  void anUnknownToolIsRefusedByName() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(permissions(Map.of("payroll", ADMIN)))
        .expectException(InvalidServiceAccountException.class)
        .expectExceptionMessage(org.hamcrest.Matchers.startsWith("unknown tool 'payroll'"))
        .expectNoEvents();
  }

  @Test
  void rotationNumbersTheNewSecretAndEndsThePreviousAfterTheOverlap() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(
            new RotateClientSecret(
                ACCOUNT, COMPANY, ClientSecretHash.of("new"), Duration.ofHours(24), NOW, null))
        .expectEvents(
            new ClientSecretRotated(
                ACCOUNT, COMPANY, 2, ClientSecretHash.of("new"), NOW.plus(Duration.ofHours(24))))
        .expectResultMessagePayload(new SecretRotation(2, NOW.plus(Duration.ofHours(24)), 2));
  }

  @Test
  void deactivateThenReactivate() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(change(LifecycleTransition.DEACTIVATE, NOW))
        .expectEvents(new ServiceAccountDeactivated(ACCOUNT, COMPANY));
    fixture
        .given(created("ERP", CUSTOM, null), new ServiceAccountDeactivated(ACCOUNT, COMPANY))
        .when(change(LifecycleTransition.REACTIVATE, NOW))
        .expectEvents(new ServiceAccountReactivated(ACCOUNT, COMPANY));
  }

  @Test
  void deactivatingTwiceIsAConflictNamingTheStatus() {
    fixture
        .given(created("ERP", CUSTOM, null), new ServiceAccountDeactivated(ACCOUNT, COMPANY))
        .when(change(LifecycleTransition.DEACTIVATE, NOW))
        .expectException(
            org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.instanceOf(IllegalTransitionException.class),
                hasProperty(
                    "message",
                    equalTo(
                        "only an active service account can be deactivated; it is DEACTIVATED"))))
        .expectNoEvents();
  }

  @Test
  void reactivatingAnActiveAccountIsAConflict() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(change(LifecycleTransition.REACTIVATE, NOW))
        .expectException(IllegalTransitionException.class)
        .expectNoEvents();
  }

  @Test
  void deleteRemembersTheStatusAndTheRestoreWindow() {
    fixture
        .given(created("ERP", CUSTOM, null), new ServiceAccountDeactivated(ACCOUNT, COMPANY))
        .when(change(LifecycleTransition.DELETE, NOW))
        .expectEvents(new ServiceAccountDeleted(ACCOUNT, COMPANY, DEACTIVATED, NOW.plus(WINDOW)));
  }

  @Test
  void aDeletedAccountCannotBeEditedOrConfiguredOrRotated() {
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "new", null, null, null))
        .expectException(IllegalTransitionException.class)
        .expectNoEvents();
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(permissions(Map.of("reports", ADMIN)))
        .expectException(IllegalTransitionException.class);
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(
            new RotateClientSecret(
                ACCOUNT, COMPANY, ClientSecretHash.of("x"), Duration.ZERO, NOW, null))
        .expectException(IllegalTransitionException.class);
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(change(LifecycleTransition.DELETE, NOW))
        .expectException(IllegalTransitionException.class);
  }

  @Test
  void restoreWithinTheWindowReturnsToThePreviousStatus() {
    fixture
        .given(
            created("ERP", CUSTOM, null),
            new ServiceAccountDeleted(ACCOUNT, COMPANY, DEACTIVATED, NOW.plus(WINDOW)))
        .when(change(LifecycleTransition.RESTORE, NOW.plus(Duration.ofDays(29))))
        .expectEvents(new ServiceAccountRestored(ACCOUNT, COMPANY, DEACTIVATED));
  }

  @Test
  void restoreAfterTheWindowIsAConflict() {
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(change(LifecycleTransition.RESTORE, NOW.plus(WINDOW)))
        .expectException(IllegalTransitionException.class)
        .expectNoEvents();
  }

  @Test
  void purgeWithinTheWindowIsAConflict() {
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(change(LifecycleTransition.PURGE, NOW.plus(Duration.ofDays(1))))
        .expectException(IllegalTransitionException.class)
        .expectNoEvents();
  }

  @Test
  void purgeAfterTheWindowRemovesTheAccountForGood() {
    fixture
        .given(created("ERP", CUSTOM, null), deleted())
        .when(change(LifecycleTransition.PURGE, NOW.plus(WINDOW)))
        .expectEvents(new ServiceAccountPurged(ACCOUNT, COMPANY))
        .expectMarkedDeleted();
  }

  @Test
  void purgingAnActiveAccountIsAConflict() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(change(LifecycleTransition.PURGE, NOW))
        .expectException(IllegalTransitionException.class)
        .expectNoEvents();
  }

  @Test
  void aStaleExpectedVersionIsRefusedWithTheCurrentOne() {
    fixture
        .given(created("ERP", CUSTOM, null), new ServiceAccountDeactivated(ACCOUNT, COMPANY))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "new", null, null, 1L))
        .expectException(
            org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.instanceOf(VersionMismatchException.class),
                hasProperty(
                    "message",
                    org.hamcrest.Matchers.startsWith(
                        "the service account is at version 2, not 1"))))
        .expectNoEvents();
  }

  @Test
  void theCurrentExpectedVersionIsAccepted() {
    fixture
        .given(created("ERP", CUSTOM, null))
        .when(new EditServiceAccount(ACCOUNT, COMPANY, "new", null, null, 1L))
        .expectSuccessfulHandlerExecution()
        .expectResultMessagePayload(2L);
  }

  @Test
  void anUnknownMarketplaceAppIsRefused() {
    fixture
        .givenNoPriorActivity()
        .when(
            ServiceAccountTest.create(
                "ERP", com.serviceaccounts.events.serviceaccount.AppType.MARKETPLACE, "unheard-of"))
        .expectException(InvalidServiceAccountException.class)
        .expectExceptionMessage(
            org.hamcrest.Matchers.startsWith("unknown marketplace app 'unheard-of'"))
        .expectNoEvents();
  }
}
