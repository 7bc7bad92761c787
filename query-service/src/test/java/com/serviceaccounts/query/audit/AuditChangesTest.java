package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AuditChangesTest {

  static final UUID ACCOUNT = UUID.randomUUID();
  static final UUID COMPANY = UUID.randomUUID();

  @Test
  void aCreationListsTheInitialValuesAfterOnlyAndNeverTheSecretHash() {
    ObjectNode changes =
        AuditChanges.of(
            created(
                "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
                "ERP nightly sync",
                AppType.MARKETPLACE,
                "sage-intacct"));

    assertThat(changes.propertyNames())
        .containsExactly(
            "name", "appType", "marketplaceAppId", "clientId", "encryptedContactEmail");
    assertThat(changes.get("name").get("after").asString()).isEqualTo("ERP nightly sync");
    assertThat(changes.get("appType").get("after").asString()).isEqualTo("MARKETPLACE");
    assertThat(changes.get("name").has("before")).isFalse();
    assertThat(changes.toString()).doesNotContain("sha256", "clientSecret");
  }

  @Test
  void aCustomAccountsCreationHasNoMarketplaceApp() {
    ObjectNode changes =
        AuditChanges.of(created(ClientSecretHash.of("00"), "Own sync", AppType.CUSTOM, null));

    assertThat(changes.has("marketplaceAppId")).isFalse();
  }

  @Test
  void anEditListsEachChangedFieldBeforeAndAfter() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountEdited(
                ACCOUNT,
                COMPANY,
                new ValueChange<>("ERP nightly sync", "ERP sync"),
                new ValueChange<>(AppType.MARKETPLACE, AppType.CUSTOM),
                new ValueChange<>("sage-intacct", null)));

    assertThat(changes.toString())
        .isEqualTo(
            "{\"name\":{\"before\":\"ERP nightly sync\",\"after\":\"ERP sync\"},"
                + "\"appType\":{\"before\":\"MARKETPLACE\",\"after\":\"CUSTOM\"},"
                + "\"marketplaceAppId\":{\"before\":\"sage-intacct\",\"after\":null}}");
  }

  @Test
  void anEditLeavesOutTheFieldsItDidNotChange() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountEdited(ACCOUNT, COMPANY, new ValueChange<>("a", "b"), null, null));

    assertThat(changes.propertyNames()).containsExactly("name");
  }

  @Test
  void aPermissionsChangeListsEachChangedToolBeforeAndAfterInCatalogueOrder() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountPermissionsChanged(
                ACCOUNT,
                COMPANY,
                Map.of(
                    "reports", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.READ_ONLY),
                    "admin", new ValueChange<>(PermissionLevel.ADMIN, PermissionLevel.NONE),
                    "erp-integrations",
                        new ValueChange<>(PermissionLevel.STANDARD, PermissionLevel.ADMIN))));

    assertThat(changes.toString())
        .isEqualTo(
            "{\"permissions.admin\":{\"before\":\"ADMIN\",\"after\":\"NONE\"},"
                + "\"permissions.erp-integrations\":{\"before\":\"STANDARD\",\"after\":\"ADMIN\"},"
                + "\"permissions.reports\":{\"before\":\"NONE\",\"after\":\"READ_ONLY\"}}");
  }

  @Test
  void aToolMissingFromTheCatalogueComesAfterTheKnownOnes() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountPermissionsChanged(
                ACCOUNT,
                COMPANY,
                Map.of(
                    "zz-new-tool", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN),
                    "timecard", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN))));

    assertThat(changes.propertyNames())
        .containsExactly("permissions.timecard", "permissions.zz-new-tool");
  }

  @Test
  void aRotationNamesTheNewSecretByNumberAndWhenThePreviousOnesExpireButNeverTheHash() {
    ObjectNode changes =
        AuditChanges.of(
            new ClientSecretRotated(
                ACCOUNT,
                COMPANY,
                3,
                "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
                Instant.parse("2026-11-29T12:00:00Z")));

    assertThat(changes.toString())
        .isEqualTo(
            "{\"clientSecret\":{\"after\":\"secret #3\"},"
                + "\"previousSecretsExpireAt\":{\"after\":\"2026-11-29T12:00:00Z\"}}");
    assertThat(changes.toString()).doesNotContain("sha256", "2bb80d53");
  }

  @Test
  void deactivationAndReactivationAreStatusChanges() {
    assertThat(AuditChanges.of(new ServiceAccountDeactivated(ACCOUNT, COMPANY)).toString())
        .isEqualTo("{\"status\":{\"before\":\"ACTIVE\",\"after\":\"DEACTIVATED\"}}");
    assertThat(AuditChanges.of(new ServiceAccountReactivated(ACCOUNT, COMPANY)).toString())
        .isEqualTo("{\"status\":{\"before\":\"DEACTIVATED\",\"after\":\"ACTIVE\"}}");
  }

  @Test
  void aDeletionChangesTheStatusFromTheOneItHadAndSaysUntilWhenItCanBeRestored() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountDeleted(
                ACCOUNT,
                COMPANY,
                AccountStatus.DEACTIVATED,
                Instant.parse("2026-12-28T10:00:00Z")));

    assertThat(changes.toString())
        .isEqualTo(
            "{\"status\":{\"before\":\"DEACTIVATED\",\"after\":\"DELETED\"},"
                + "\"restorableUntil\":{\"after\":\"2026-12-28T10:00:00Z\"}}");
  }

  @Test
  void aRestorationReturnsToTheStatusTheEventNames() {
    assertThat(
            AuditChanges.of(new ServiceAccountRestored(ACCOUNT, COMPANY, AccountStatus.ACTIVE))
                .toString())
        .isEqualTo("{\"status\":{\"before\":\"DELETED\",\"after\":\"ACTIVE\"}}");
  }

  @Test
  void aPurgeEndsTheStatusAtPurged() {
    assertThat(AuditChanges.of(new ServiceAccountPurged(ACCOUNT, COMPANY)).toString())
        .isEqualTo("{\"status\":{\"before\":\"DELETED\",\"after\":\"PURGED\"}}");
  }

  /** The creation of {@link #ACCOUNT} as client {@code sa_client}, with a sealed contact email. */
  private static ServiceAccountCreated created(
      String secretHash, String name, AppType appType, String marketplaceAppId) {
    return new ServiceAccountCreated(
        ACCOUNT, COMPANY, "sa_client", secretHash, name, appType, marketplaceAppId, "pd1:c2VhbGVk");
  }
}
