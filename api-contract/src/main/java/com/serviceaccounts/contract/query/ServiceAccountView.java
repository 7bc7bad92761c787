package com.serviceaccounts.contract.query;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service account as dashboards see it. Never carries a client secret or a secret's hash.
 *
 * @param marketplaceAppId {@code null} for a {@code CUSTOM} account
 * @param contactEmail the email of the account's directory contact; as stored, sealed with the
 *     account's data key, and opened as the account is read ({@code null} if the key is gone)
 * @param status {@code ACTIVE}, {@code DEACTIVATED} or {@code DELETED} (a purged account has no
 *     view)
 * @param permissions every tool of the catalogue, in catalogue order, with its level ({@code NONE}
 *     for a tool the account was never given)
 * @param secrets the account's client secrets, by number
 * @param lastEditedAt when the name or app type last changed; {@code null} until the first edit
 * @param lastEditedBy who last changed the name or app type; {@code null} until the first edit
 * @param deletedAt when the account was deleted; {@code null} unless it is {@code DELETED}
 * @param restorableUntil until when it can be restored; {@code null} unless it is {@code DELETED}
 * @param lastUsedAt when a token was last issued to the account; {@code null} if never (reported by
 *     token-service every few seconds, so it trails real use by that much)
 * @param version the account's version after the last applied event (also the ETag)
 */
public record ServiceAccountView(
    UUID id,
    UUID companyId,
    String clientId,
    String name,
    AppType appType,
    String marketplaceAppId,
    String contactEmail,
    AccountStatus status,
    Map<String, PermissionLevel> permissions,
    List<SecretView> secrets,
    Instant createdAt,
    String createdBy,
    Instant lastEditedAt,
    String lastEditedBy,
    Instant deletedAt,
    Instant restorableUntil,
    Instant lastUsedAt,
    long version) {

  public ServiceAccountView withContactEmail(String email) {
    return new ServiceAccountView(
        id,
        companyId,
        clientId,
        name,
        appType,
        marketplaceAppId,
        email,
        status,
        permissions,
        secrets,
        createdAt,
        createdBy,
        lastEditedAt,
        lastEditedBy,
        deletedAt,
        restorableUntil,
        lastUsedAt,
        version);
  }

  /**
   * One client secret, without its value or hash.
   *
   * @param number 1 for the secret made at creation, +1 per rotation
   * @param createdAt when it was made
   * @param expiresAt when it stops (or stopped) being valid; {@code null} while it is current
   * @param lastUsedAt when a token was last issued with it; {@code null} if never
   */
  public record SecretView(int number, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}
}
