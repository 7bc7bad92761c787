package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ValueChange;
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
            new ServiceAccountCreated(
                ACCOUNT,
                COMPANY,
                "sa_client",
                "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
                "ERP nightly sync",
                AppType.MARKETPLACE,
                "sage-intacct",
                "erp-sync@acme.example"));

    assertThat(changes.propertyNames())
        .containsExactly("name", "appType", "marketplaceAppId", "clientId", "contactEmail");
    assertThat(changes.get("name").get("after").asString()).isEqualTo("ERP nightly sync");
    assertThat(changes.get("appType").get("after").asString()).isEqualTo("MARKETPLACE");
    assertThat(changes.get("name").has("before")).isFalse();
    assertThat(changes.toString()).doesNotContain("sha256", "clientSecret");
  }

  @Test
  void aCustomAccountsCreationHasNoMarketplaceApp() {
    ObjectNode changes =
        AuditChanges.of(
            new ServiceAccountCreated(
                ACCOUNT,
                COMPANY,
                "sa_client",
                "sha256:00",
                "Own sync",
                AppType.CUSTOM,
                null,
                "own@acme.example"));

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
}
