package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wire format of every event type, pinned by a golden JSON file per revision, the contract's
 * example ({@code events/examples/<type>.v<revision>.json}): a change of an event's shape fails
 * here first, and must come with a new revision. Every earlier revision's sample, as a previous
 * release stored and published it, stays here and must still read as the same event.
 */
class GoldenEventJsonTest {

  static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6");
  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  private static final ObjectMapper json = EventJson.newMapper();

  static ServiceAccountEvent sample(EventType type) {
    return switch (type) {
      case SERVICE_ACCOUNT_CREATED ->
          new ServiceAccountCreated(
              ACCOUNT,
              COMPANY,
              "sa_3q2-7wEvLUuZ1mWcQkY9tA",
              "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
              "ERP nightly sync",
              AppType.MARKETPLACE,
              "sage-intacct",
              "pd1:CXkxNTk3MzY0OTc4OTk3ODk2Nzg5NjU0ODc2NTQ3MzYyOTg3NjU0MzI");
      case SERVICE_ACCOUNT_EDITED ->
          new ServiceAccountEdited(
              ACCOUNT,
              COMPANY,
              new ValueChange<>("ERP nightly sync", "ERP sync"),
              new ValueChange<>(AppType.MARKETPLACE, AppType.CUSTOM),
              new ValueChange<>("sage-intacct", null));
      case SERVICE_ACCOUNT_PERMISSIONS_CHANGED ->
          new ServiceAccountPermissionsChanged(
              ACCOUNT,
              COMPANY,
              Map.of(
                  "erp-integrations",
                      new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN),
                  "reports",
                      new ValueChange<>(PermissionLevel.STANDARD, PermissionLevel.READ_ONLY)));
      case CLIENT_SECRET_ROTATED ->
          new ClientSecretRotated(
              ACCOUNT,
              COMPANY,
              2,
              "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
              Instant.parse("2026-11-29T10:15:30Z"));
      case SERVICE_ACCOUNT_DEACTIVATED -> new ServiceAccountDeactivated(ACCOUNT, COMPANY);
      case SERVICE_ACCOUNT_REACTIVATED -> new ServiceAccountReactivated(ACCOUNT, COMPANY);
      case SERVICE_ACCOUNT_DELETED ->
          new ServiceAccountDeleted(
              ACCOUNT, COMPANY, AccountStatus.DEACTIVATED, Instant.parse("2026-12-28T10:15:30Z"));
      case SERVICE_ACCOUNT_RESTORED ->
          new ServiceAccountRestored(ACCOUNT, COMPANY, AccountStatus.DEACTIVATED);
      case SERVICE_ACCOUNT_PURGED -> new ServiceAccountPurged(ACCOUNT, COMPANY);
    };
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void serialisesExactlyAsTheGoldenSample(EventType type) throws IOException {
    JsonNode written = json.readTree(json.writeValueAsBytes(sample(type)));
    assertThat(written).isEqualTo(golden(type, type.revision()));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsTheGoldenSampleBackToTheSameEvent(EventType type) throws IOException {
    assertThat(json.treeToValue(golden(type, type.revision()), type.payloadType()))
        .isEqualTo(sample(type));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsEveryEarlierRevisionsSampleAsTheSameEvent(EventType type) throws IOException {
    for (int revision = 1; revision <= type.revision(); revision++) {
      byte[] stored = json.writeValueAsBytes(golden(type, revision));
      assertThat(EventRevisions.read(json, type, revision, stored))
          .as("%s revision %d", type, revision)
          .isEqualTo(sample(type));
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void ignoresFieldsItDoesNotKnow(EventType type) throws IOException {
    var withExtra = (com.fasterxml.jackson.databind.node.ObjectNode) golden(type, type.revision());
    withExtra.put("addedByALaterRevision", 42);
    assertThat(json.treeToValue(withExtra, type.payloadType())).isEqualTo(sample(type));
  }

  static JsonNode golden(EventType type, int revision) throws IOException {
    try (InputStream in =
        GoldenEventJsonTest.class
            .getClassLoader()
            .getResourceAsStream(type.exampleResource(revision))) {
      assertThat(in).as("golden sample for %s revision %d", type, revision).isNotNull();
      return json.readTree(in);
    }
  }
}
