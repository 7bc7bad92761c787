package com.serviceaccounts.query.listing;

import static com.serviceaccounts.query.listing.ListingColumns.instant;
import static com.serviceaccounts.query.listing.ListingColumns.utc;

import com.serviceaccounts.query.intake.CopyRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The projection's side of {@code service_account} (one row per account, at the version of its last
 * applied event) and {@code purged_service_account} (the ids of accounts purged for good).
 *
 * <p>The projection reads the rows a batch of events touches, locked ({@link #lockRows}), applies
 * the events to them in memory, and writes back those that changed in one batch of statements
 * ({@link #write}).
 */
@Repository
class ListingRows {

  private final NamedParameterJdbcTemplate batches;
  private final JsonMapper json;

  ListingRows(NamedParameterJdbcTemplate batches, JsonMapper json) {
    this.batches = batches;
    this.json = json;
  }

  /** The accounts' rows, locked until the caller's transaction ends; absent ones are missing. */
  Map<UUID, ListingRow> lockRows(Collection<UUID> ids) {
    Map<UUID, ListingRow> rows = new HashMap<>();
    batches.query(
        "SELECT %s FROM service_account WHERE id IN (:ids) FOR UPDATE"
            .formatted(ListingColumns.ALL),
        new MapSqlParameterSource("ids", ids),
        row -> {
          ListingRow read = row(row);
          rows.put(read.id, read);
        });
    return rows;
  }

  /** The index {@link #accountsOfClients} reads by (V22). */
  static final String BY_CLIENT_ID = "service_account_by_client_id";

  /** The accounts listed with these client ids, by client id. */
  Map<String, UUID> accountsOfClients(Collection<String> clientIds) {
    Map<String, UUID> accounts = new HashMap<>();
    if (clientIds.isEmpty()) {
      return accounts;
    }
    batches.query(
        "SELECT client_id, id FROM service_account WHERE client_id IN (:clientIds)",
        new MapSqlParameterSource("clientIds", clientIds),
        row -> {
          accounts.put(row.getString("client_id"), row.getObject("id", UUID.class));
        });
    return accounts;
  }

  /** The versions of the events that purged those of the accounts that were purged. */
  Map<UUID, Long> purgedVersions(Collection<UUID> ids) {
    Map<UUID, Long> versions = new HashMap<>();
    batches.query(
        "SELECT id, version FROM purged_service_account WHERE id IN (:ids)",
        new MapSqlParameterSource("ids", ids),
        row -> {
          versions.put(row.getObject("id", UUID.class), row.getLong("version"));
        });
    return versions;
  }

  /**
   * Stores the rows that are new or moved on since they were read, and the purges; a row is changed
   * only at the version it was read at.
   *
   * @throws IllegalStateException if a row changed version meanwhile
   * @throws org.springframework.dao.DuplicateKeyException if a new row or tombstone exists already
   */
  void write(Collection<ListingRow> rows, List<Purge> purges) {
    CopyRows inserts =
        new CopyRows(
            "service_account",
            """
            id, company_id, client_id, name, app_type, marketplace_app_id, encrypted_contact_email,
            status, permissions, secrets, created_at, created_by, last_edited_at, last_edited_by,
            deleted_at, restorable_until, version""");
    List<SqlParameterSource> updates = new ArrayList<>();
    for (ListingRow row : rows) {
      if (row.storedVersion == null) {
        inserts
            .value(row.id)
            .value(row.companyId)
            .value(row.clientId)
            .value(row.name)
            .value(row.appType)
            .value(row.marketplaceAppId)
            .value(row.encryptedContactEmail)
            .value(row.status)
            .value(row.permissions)
            .value(row.secrets)
            .value(row.createdAt)
            .value(row.createdBy)
            .value(row.lastEditedAt)
            .value(row.lastEditedBy)
            .value(row.deletedAt)
            .value(row.restorableUntil)
            .value(row.version)
            .endRow();
      } else if (row.version != row.storedVersion) {
        updates.add(values(row));
      }
    }
    inserts.copy(batches.getJdbcTemplate());
    expectOneRowEach(
        batches.batchUpdate(
            """
            UPDATE service_account
               SET name = :name, app_type = :appType, marketplace_app_id = :marketplaceAppId,
                   status = :status, permissions = CAST(:permissions AS jsonb),
                   secrets = CAST(:secrets AS jsonb), last_edited_at = :lastEditedAt,
                   last_edited_by = :lastEditedBy, deleted_at = :deletedAt,
                   restorable_until = :restorableUntil, version = :version
             WHERE id = :id AND version = :storedVersion
            """,
            updates.toArray(SqlParameterSource[]::new)));
    expectOneRowEach(
        batches.batchUpdate(
            "DELETE FROM service_account WHERE id = :id AND version = :storedVersion",
            purges.stream()
                .filter(purge -> purge.row().storedVersion != null)
                .map(purge -> values(purge.row()))
                .toArray(SqlParameterSource[]::new)));
    batches.batchUpdate(
        """
        INSERT INTO purged_service_account (id, company_id, version, purged_at)
        VALUES (:id, :companyId, :version, :at)
        """,
        purges.stream()
            .map(
                purge ->
                    new MapSqlParameterSource()
                        .addValue("id", purge.row().id)
                        .addValue("companyId", purge.row().companyId)
                        .addValue("version", purge.version())
                        .addValue("at", utc(purge.at())))
            .toArray(SqlParameterSource[]::new));
  }

  private static void expectOneRowEach(int[] counts) {
    for (int count : counts) {
      if (count != 1) {
        throw new IllegalStateException("a listing row changed while events were applied to it");
      }
    }
  }

  private static SqlParameterSource values(ListingRow row) {
    return new MapSqlParameterSource()
        .addValue("id", row.id)
        .addValue("companyId", row.companyId)
        .addValue("clientId", row.clientId)
        .addValue("name", row.name)
        .addValue("appType", row.appType)
        .addValue("marketplaceAppId", row.marketplaceAppId)
        .addValue("encryptedContactEmail", row.encryptedContactEmail)
        .addValue("status", row.status)
        .addValue("permissions", row.permissions.toString())
        .addValue("secrets", row.secrets.toString())
        .addValue("createdAt", utc(row.createdAt))
        .addValue("createdBy", row.createdBy)
        .addValue("lastEditedAt", utc(row.lastEditedAt))
        .addValue("lastEditedBy", row.lastEditedBy)
        .addValue("deletedAt", utc(row.deletedAt))
        .addValue("restorableUntil", utc(row.restorableUntil))
        .addValue("version", row.version)
        .addValue("storedVersion", row.storedVersion);
  }

  private ListingRow row(ResultSet row) throws SQLException {
    ListingRow read =
        new ListingRow(
            row.getObject("id", UUID.class),
            row.getObject("company_id", UUID.class),
            row.getString("client_id"),
            row.getString("encrypted_contact_email"),
            instant(row, "created_at"),
            row.getString("created_by"),
            row.getLong("version"));
    read.name = row.getString("name");
    read.appType = row.getString("app_type");
    read.marketplaceAppId = row.getString("marketplace_app_id");
    read.status = row.getString("status");
    read.permissions = (ObjectNode) json.readTree(row.getString("permissions"));
    read.secrets = (ArrayNode) json.readTree(row.getString("secrets"));
    read.lastEditedAt = instant(row, "last_edited_at");
    read.lastEditedBy = row.getString("last_edited_by");
    read.deletedAt = instant(row, "deleted_at");
    read.restorableUntil = instant(row, "restorable_until");
    read.version = read.storedVersion;
    return read;
  }
}
