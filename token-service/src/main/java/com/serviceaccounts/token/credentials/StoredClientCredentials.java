package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the token service knows of one service account: enough to authenticate it and to say what
 * its tokens allow.
 *
 * @param accountId the account
 * @param companyId its company
 * @param clientId its OAuth 2.0 client id
 * @param status only {@code ACTIVE} accounts get tokens
 * @param permissions tool id → level, only levels above {@code NONE}
 * @param secrets every secret it ever had, by number; {@link StoredSecret#validAt} says which count
 * @param version the account's version after the last event applied
 * @param tokensNotBefore when it was last deactivated, deleted, reactivated or restored (null if
 *     never): its tokens issued at or before that second do not act, should it be active again (a
 *     token issued while it was deactivated, before this service heard of the deactivation,
 *     included)
 */
public record StoredClientCredentials(
    UUID accountId,
    UUID companyId,
    String clientId,
    AccountStatus status,
    Map<String, PermissionLevel> permissions,
    List<StoredSecret> secrets,
    long version,
    Instant tokensNotBefore) {

  public StoredClientCredentials {
    permissions = Map.copyOf(permissions);
    secrets = List.copyOf(secrets);
  }

  /** The credentials a creation event makes: active, no permissions, secret number 1. */
  static StoredClientCredentials created(ServiceAccountCreated created, long version) {
    return new StoredClientCredentials(
        created.accountId(),
        created.companyId(),
        created.clientId(),
        AccountStatus.ACTIVE,
        Map.of(),
        List.of(new StoredSecret(1, created.clientSecretHash(), null)),
        version,
        null);
  }

  /** The secrets that may be used at {@code now}. */
  public List<StoredSecret> secretsValidAt(Instant now) {
    return secrets.stream().filter(secret -> secret.validAt(now)).toList();
  }

  /**
   * These credentials after {@code event}, which happened at {@code occurredAt} and brought the
   * account to {@code version}. Every event type advances the version, even one that changes
   * nothing kept here (an edit of the name), so that the next event is not taken for a gap.
   */
  StoredClientCredentials after(ServiceAccountEvent event, Instant occurredAt, long version) {
    if (event instanceof ServiceAccountPermissionsChanged changed) {
      return withPermissions(changed, version);
    }
    if (event instanceof ClientSecretRotated rotated) {
      return withRotatedSecret(rotated, occurredAt, version);
    }
    if (event instanceof ServiceAccountDeactivated) {
      return withStatus(AccountStatus.DEACTIVATED, version, occurredAt);
    }
    if (event instanceof ServiceAccountReactivated) {
      return withStatus(AccountStatus.ACTIVE, version, occurredAt);
    }
    if (event instanceof ServiceAccountDeleted) {
      return withStatus(AccountStatus.DELETED, version, occurredAt);
    }
    if (event instanceof ServiceAccountRestored restored) {
      return withStatus(restored.status(), version, occurredAt);
    }
    if (event instanceof ServiceAccountEdited) {
      return withStatus(status, version);
    }
    throw new IllegalArgumentException("no transition of the credentials for " + event.getClass());
  }

  private StoredClientCredentials withPermissions(
      ServiceAccountPermissionsChanged changed, long version) {
    return new StoredClientCredentials(
        accountId,
        companyId,
        clientId,
        status,
        changed.permissionsAfter(permissions),
        secrets,
        version,
        tokensNotBefore);
  }

  private StoredClientCredentials withRotatedSecret(
      ClientSecretRotated rotated, Instant occurredAt, long version) {
    List<StoredSecret> next = new ArrayList<>();
    for (StoredSecret secret : secrets) {
      next.add(secret.endedBy(occurredAt, rotated.previousSecretsExpireAt()));
    }
    next.add(new StoredSecret(rotated.secretNumber(), rotated.clientSecretHash(), null));
    return new StoredClientCredentials(
        accountId, companyId, clientId, status, permissions, next, version, tokensNotBefore);
  }

  private StoredClientCredentials withStatus(AccountStatus newStatus, long version) {
    return withStatus(newStatus, version, tokensNotBefore);
  }

  private StoredClientCredentials withStatus(
      AccountStatus newStatus, long version, Instant notBefore) {
    return new StoredClientCredentials(
        accountId, companyId, clientId, newStatus, permissions, secrets, version, notBefore);
  }

  /**
   * Whether a token issued at {@code issuedAt} was issued after the account was last deactivated,
   * deleted, reactivated or restored: {@code iat} holds whole seconds, so one of the same second
   * counts as before it.
   */
  public boolean issuedAfterTokensNotBefore(Instant issuedAt) {
    return tokensNotBefore == null
        || (issuedAt != null && issuedAt.isAfter(tokensNotBefore.truncatedTo(ChronoUnit.SECONDS)));
  }
}
