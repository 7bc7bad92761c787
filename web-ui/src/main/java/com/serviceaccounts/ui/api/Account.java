package com.serviceaccounts.ui.api;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A service account as query-service shows it ({@code ServiceAccountView}). */
public record Account(
    UUID id,
    UUID companyId,
    String clientId,
    String name,
    AppType appType,
    String marketplaceAppId,
    String contactEmail,
    AccountStatus status,
    Map<String, PermissionLevel> permissions,
    List<Secret> secrets,
    Instant createdAt,
    String createdBy,
    Instant lastEditedAt,
    String lastEditedBy,
    Instant deletedAt,
    Instant restorableUntil,
    Instant lastUsedAt,
    long version) {

  /** One of the account's client secrets, by number; never its value or hash. */
  public record Secret(int number, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

  /** A page of the company's accounts, sorted by name. */
  public record Page(List<Account> items, int page, int size, long totalItems, long totalPages) {}
}
