package com.serviceaccounts.token.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredClientCredentialsTest {

  private static final String HASH_1 = ClientSecretHash.of("secret 1");
  private static final String HASH_2 = ClientSecretHash.of("secret 2");
  private static final String HASH_3 = ClientSecretHash.of("secret 3");

  static final UUID ACCOUNT = UUID.randomUUID();
  static final UUID COMPANY = UUID.randomUUID();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static StoredClientCredentials created() {
    return StoredClientCredentials.created(
        new ServiceAccountCreated(
            ACCOUNT, COMPANY, "sa_1", HASH_1, "n", AppType.CUSTOM, null, "a@b.example"),
        1);
  }

  @Test
  void aNewAccountIsActiveWithoutPermissionsAndWithSecretOne() {
    StoredClientCredentials credentials = created();

    assertThat(credentials.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(credentials.permissions()).isEmpty();
    assertThat(credentials.secretsValidAt(T0)).containsExactly(new StoredSecret(1, HASH_1, null));
  }

  @Test
  void permissionsKeepOnlyLevelsAboveNone() {
    StoredClientCredentials credentials =
        created()
            .after(
                new ServiceAccountPermissionsChanged(
                    ACCOUNT,
                    COMPANY,
                    Map.of(
                        "admin", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN),
                        "reports",
                            new ValueChange<>(PermissionLevel.NONE, PermissionLevel.READ_ONLY))),
                T0,
                2)
            .after(
                new ServiceAccountPermissionsChanged(
                    ACCOUNT,
                    COMPANY,
                    Map.of(
                        "reports",
                        new ValueChange<>(PermissionLevel.READ_ONLY, PermissionLevel.NONE))),
                T0,
                3);

    assertThat(credentials.permissions()).isEqualTo(Map.of("admin", PermissionLevel.ADMIN));
    assertThat(credentials.version()).isEqualTo(3);
  }

  @Test
  void aRotationEndsTheEarlierSecretsAtTheOverlapsEnd() {
    Instant overlapEnd = T0.plus(Duration.ofDays(1));
    StoredClientCredentials credentials =
        created().after(new ClientSecretRotated(ACCOUNT, COMPANY, 2, HASH_2, overlapEnd), T0, 2);

    assertThat(credentials.secretsValidAt(T0.plusSeconds(60)))
        .extracting(StoredSecret::number)
        .containsExactly(1, 2);
    assertThat(credentials.secretsValidAt(overlapEnd))
        .extracting(StoredSecret::number)
        .containsExactly(2);
  }

  @Test
  void aSecretThatHadExpiredKeepsItsEndAndAnImmediateSwitchEndsTheOthersAtOnce() {
    Instant firstOverlapEnd = T0.plus(Duration.ofHours(1));
    Instant later = T0.plus(Duration.ofHours(2));
    StoredClientCredentials credentials =
        created()
            .after(new ClientSecretRotated(ACCOUNT, COMPANY, 2, HASH_2, firstOverlapEnd), T0, 2)
            .after(new ClientSecretRotated(ACCOUNT, COMPANY, 3, HASH_3, later), later, 3);

    assertThat(credentials.secrets())
        .containsExactly(
            new StoredSecret(1, HASH_1, firstOverlapEnd),
            new StoredSecret(2, HASH_2, later),
            new StoredSecret(3, HASH_3, null));
    assertThat(credentials.secretsValidAt(later))
        .extracting(StoredSecret::number)
        .containsExactly(3);
  }

  @Test
  void theStatusFollowsTheLifeCycle() {
    StoredClientCredentials deactivated =
        created().after(new ServiceAccountDeactivated(ACCOUNT, COMPANY), T0, 2);
    StoredClientCredentials deleted =
        deactivated.after(
            new ServiceAccountDeleted(ACCOUNT, COMPANY, AccountStatus.DEACTIVATED, T0), T0, 3);
    StoredClientCredentials restored =
        deleted.after(
            new ServiceAccountRestored(ACCOUNT, COMPANY, AccountStatus.DEACTIVATED), T0, 4);
    StoredClientCredentials reactivated =
        restored.after(new ServiceAccountReactivated(ACCOUNT, COMPANY), T0, 5);

    assertThat(deactivated.status()).isEqualTo(AccountStatus.DEACTIVATED);
    assertThat(deleted.status()).isEqualTo(AccountStatus.DELETED);
    assertThat(restored.status()).isEqualTo(AccountStatus.DEACTIVATED);
    assertThat(reactivated.status()).isEqualTo(AccountStatus.ACTIVE);
  }
}
