package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A row of the {@code service_account} table while a transaction applies events to it: each event
 * type changes its own columns and the version. {@code permissions} holds only the levels other
 * than {@code NONE}; {@code secrets} is the array of {@code {number, createdAt, expiresAt[,
 * lastUsedAt]}} by number (see the migrations).
 */
final class ListingRow {

  final UUID id;
  final UUID companyId;
  final String clientId;
  final String encryptedContactEmail;
  final Instant createdAt;
  final String createdBy;

  /** The version the row had when read; {@code null} for a row not stored yet. */
  final Long storedVersion;

  String name;
  String appType;
  String marketplaceAppId;
  String status;
  ObjectNode permissions;
  ArrayNode secrets;
  Instant lastEditedAt;
  String lastEditedBy;
  Instant deletedAt;
  Instant restorableUntil;
  long version;

  ListingRow(
      UUID id,
      UUID companyId,
      String clientId,
      String encryptedContactEmail,
      Instant createdAt,
      String createdBy,
      Long storedVersion) {
    this.id = id;
    this.companyId = companyId;
    this.clientId = clientId;
    this.encryptedContactEmail = encryptedContactEmail;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
    this.storedVersion = storedVersion;
  }

  /** A new account: {@code ACTIVE}, no permissions, its secret number 1. */
  static ListingRow created(EventEnvelope event, ServiceAccountCreated created) {
    ListingRow row =
        new ListingRow(
            created.accountId(),
            created.companyId(),
            created.clientId(),
            created.sealedContactEmail(),
            event.occurredAt(),
            event.actor(),
            null);
    row.name = created.name();
    row.appType = created.appType().name();
    row.marketplaceAppId = created.marketplaceAppId();
    row.status = AccountStatus.ACTIVE.name();
    row.permissions = JsonNodeFactory.instance.objectNode();
    row.secrets = JsonNodeFactory.instance.arrayNode().add(secret(1, event.occurredAt()));
    row.version = event.version();
    return row;
  }

  /** Applies an edit of the name, app type or marketplace app: the only changes that are edits. */
  void edited(EventEnvelope event, ServiceAccountEdited edited) {
    if (edited.name() != null) {
      name = edited.name().after();
    }
    if (edited.appType() != null) {
      appType = edited.appType().after() == null ? null : edited.appType().after().name();
    }
    if (edited.marketplaceAppId() != null) {
      marketplaceAppId = edited.marketplaceAppId().after();
    }
    lastEditedAt = event.occurredAt();
    lastEditedBy = event.actor();
  }

  /** The stored matrix as the event leaves it (see {@link ServiceAccountPermissionsChanged}). */
  void permissionsChanged(ServiceAccountPermissionsChanged changed) {
    Map<String, PermissionLevel> before = new TreeMap<>();
    permissions
        .properties()
        .forEach(
            level ->
                before.put(level.getKey(), PermissionLevel.valueOf(level.getValue().asString())));
    permissions = JsonNodeFactory.instance.objectNode();
    changed.permissionsAfter(before).forEach((tool, level) -> permissions.put(tool, level.name()));
  }

  /**
   * Adds the new secret, current (no expiry), and ends every secret that was still valid at the
   * rotation at {@code previousSecretsExpireAt}; secrets that had expired before keep their expiry.
   */
  void secretRotated(EventEnvelope event, ClientSecretRotated rotated) {
    for (JsonNode secret : secrets) {
      JsonNode expiresAt = secret.get("expiresAt");
      if (expiresAt == null
          || expiresAt.isNull()
          || Instant.parse(expiresAt.asString()).isAfter(event.occurredAt())) {
        ((ObjectNode) secret).put("expiresAt", rotated.previousSecretsExpireAt().toString());
      }
    }
    secrets.add(secret(rotated.secretNumber(), event.occurredAt()));
  }

  /** Sets the status, as a deactivation or reactivation does. */
  void statusChanged(AccountStatus status) {
    this.status = status.name();
  }

  void deleted(EventEnvelope event, ServiceAccountDeleted deleted) {
    status = AccountStatus.DELETED.name();
    deletedAt = event.occurredAt();
    restorableUntil = deleted.restorableUntil();
  }

  void restored(ServiceAccountRestored restored) {
    status = restored.status().name();
    deletedAt = null;
    restorableUntil = null;
  }

  private static ObjectNode secret(int number, Instant createdAt) {
    ObjectNode secret = JsonNodeFactory.instance.objectNode();
    secret.put("number", number);
    secret.put("createdAt", createdAt.toString());
    secret.putNull("expiresAt");
    return secret;
  }
}
