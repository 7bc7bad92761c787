package com.serviceaccounts.query.listing;

import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.contract.query.ServiceAccountView.SecretView;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.query.intake.CopyRows;
import com.serviceaccounts.query.personaldata.ContactEmails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code service_account} table (one row per account, at the version of its last applied event)
 * and {@code purged_service_account} (the ids of accounts purged for good).
 *
 * <p>The projection reads the rows a batch of events touches, locked ({@link #lockRows}), applies
 * the events to them in memory, and writes back those that changed in one batch of statements
 * ({@link #write}).
 */
@Repository
class ServiceAccountListingRepository {

  private static final String COLUMNS =
      """
      id, company_id, client_id, name, app_type, marketplace_app_id, encrypted_contact_email,
      status, permissions::text AS permissions, secrets::text AS secrets,
      created_at, created_by, last_edited_at, last_edited_by, deleted_at, restorable_until,
      last_used_at, version
      """;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final JsonMapper json;
  private final ContactEmails contactEmails;

  ServiceAccountListingRepository(
      JdbcClient jdbc,
      NamedParameterJdbcTemplate batches,
      JsonMapper json,
      ContactEmails contactEmails) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.json = json;
    this.contactEmails = contactEmails;
  }

  /** The accounts' rows, locked until the caller's transaction ends; absent ones are missing. */
  Map<UUID, ListingRow> lockRows(Collection<UUID> ids) {
    Map<UUID, ListingRow> rows = new HashMap<>();
    batches.query(
        "SELECT %s FROM service_account WHERE id IN (:ids) FOR UPDATE".formatted(COLUMNS),
        new MapSqlParameterSource("ids", ids),
        row -> {
          ListingRow read = row(row);
          rows.put(read.id, read);
        });
    return rows;
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

  /** The account in any status, deleted included; empty when unknown, purged or another's. */
  Optional<ServiceAccountView> find(UUID companyId, UUID accountId) {
    return jdbc.sql(
            "SELECT %s FROM service_account WHERE id = :id AND company_id = :companyId"
                .formatted(COLUMNS))
        .param("id", accountId)
        .param("companyId", companyId)
        .query(this::view)
        .optional()
        .map(account -> withContactEmails(List.of(account)).get(0));
  }

  /** The page and the total it belongs to, read in one snapshot. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  ServiceAccountPage page(UUID companyId, ListingFilter filter, int page, int size) {
    String where =
        """
        company_id = :companyId AND status IN (:statuses) AND app_type IN (:appTypes)
        """
            + (filter.nameContains() == null ? "" : " AND name ILIKE :namePattern ESCAPE '\\'");
    List<ServiceAccountView> items =
        filtered(
                "SELECT %s FROM service_account WHERE %s ORDER BY lower(name), id LIMIT :limit OFFSET :offset"
                    .formatted(COLUMNS, where),
                companyId,
                filter)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(this::view)
            .list();
    long total =
        filtered("SELECT count(*) FROM service_account WHERE " + where, companyId, filter)
            .query(Long.class)
            .single();
    return ServiceAccountPage.of(withContactEmails(items), page, size, total);
  }

  /** The views with their stored (sealed) contact emails opened; {@code null} once shredded. */
  private List<ServiceAccountView> withContactEmails(List<ServiceAccountView> sealed) {
    Map<UUID, String> sealedByAccount = new HashMap<>();
    sealed.forEach(account -> sealedByAccount.put(account.id(), account.contactEmail()));
    Map<UUID, String> opened = contactEmails.openAll(sealedByAccount);
    return sealed.stream()
        .map(account -> account.withContactEmail(opened.get(account.id())))
        .toList();
  }

  private JdbcClient.StatementSpec filtered(String sql, UUID companyId, ListingFilter filter) {
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql)
            .param("companyId", companyId)
            .param("statuses", filter.statuses().stream().map(Enum::name).sorted().toList())
            .param("appTypes", filter.appTypes().stream().map(Enum::name).sorted().toList());
    return filter.nameContains() == null
        ? statement
        : statement.param("namePattern", filter.namePattern());
  }

  private ServiceAccountView view(ResultSet row, int rowNumber) throws SQLException {
    return new ServiceAccountView(
        row.getObject("id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getString("client_id"),
        row.getString("name"),
        AppType.valueOf(row.getString("app_type")),
        row.getString("marketplace_app_id"),
        row.getString("encrypted_contact_email"),
        AccountStatus.valueOf(row.getString("status")),
        permissions(json.readTree(row.getString("permissions"))),
        secrets(json.readTree(row.getString("secrets"))),
        instant(row, "created_at"),
        row.getString("created_by"),
        instant(row, "last_edited_at"),
        row.getString("last_edited_by"),
        instant(row, "deleted_at"),
        instant(row, "restorable_until"),
        instant(row, "last_used_at"),
        row.getLong("version"));
  }

  /** Every tool of the catalogue, in its order, with the stored level or {@code NONE}. */
  private static Map<String, PermissionLevel> permissions(JsonNode stored) {
    Map<String, PermissionLevel> matrix = new LinkedHashMap<>();
    for (String tool : CompanyTools.ids()) {
      JsonNode level = stored.get(tool);
      matrix.put(
          tool, level == null ? PermissionLevel.NONE : PermissionLevel.valueOf(level.asString()));
    }
    return matrix;
  }

  private static Instant optionalInstant(JsonNode value) {
    return value == null || value.isNull() ? null : Instant.parse(value.asString());
  }

  /**
   * Records a usage report: the account's and the secret's last use move forward to {@code
   * lastUsedAt}, never back (reports may arrive late or twice). {@code false} when the account is
   * not listed (unknown yet, purged, or another company's).
   */
  boolean recordUsage(UUID companyId, UUID accountId, int secretNumber, Instant lastUsedAt) {
    return jdbc.sql(
                """
                UPDATE service_account
                   SET last_used_at = GREATEST(last_used_at, :at),
                       secrets = (
                         SELECT jsonb_agg(
                                  CASE WHEN (s->>'number')::int = :number
                                        AND (s->>'lastUsedAt' IS NULL
                                             OR (s->>'lastUsedAt')::timestamptz < :at)
                                       THEN s || jsonb_build_object('lastUsedAt', :atText)
                                       ELSE s END
                                  ORDER BY (s->>'number')::int)
                           FROM jsonb_array_elements(secrets) s)
                 WHERE id = :account AND company_id = :company
                """)
            .param("at", utc(lastUsedAt.truncatedTo(ChronoUnit.MICROS)))
            // As precise as the timestamptz column beside it.
            .param("atText", lastUsedAt.truncatedTo(ChronoUnit.MICROS).toString())
            .param("number", secretNumber)
            .param("account", accountId)
            .param("company", companyId)
            .update()
        == 1;
  }

  private static List<SecretView> secrets(JsonNode stored) {
    List<SecretView> secrets = new ArrayList<>();
    for (JsonNode secret : stored) {
      JsonNode expiresAt = secret.get("expiresAt");
      secrets.add(
          new SecretView(
              secret.get("number").asInt(),
              Instant.parse(secret.get("createdAt").asString()),
              optionalInstant(expiresAt),
              optionalInstant(secret.get("lastUsedAt"))));
    }
    return secrets;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
