package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.query.listing.ServiceAccountView.SecretView;
import com.serviceaccounts.query.personaldata.ContactEmails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code service_account} table (one row per account, at the version of its last applied event)
 * and {@code purged_service_account} (the ids of accounts purged for good).
 *
 * <p>Every change but a creation is an {@code UPDATE … WHERE version = :version - 1}: it applies
 * only to the row at the version just before the event's, and answers {@code false} otherwise (a
 * duplicate, a gap, an unknown or a purged account), which the projection then tells apart.
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
  private final JsonMapper json;
  private final ContactEmails contactEmails;

  ServiceAccountListingRepository(JdbcClient jdbc, JsonMapper json, ContactEmails contactEmails) {
    this.jdbc = jdbc;
    this.json = json;
    this.contactEmails = contactEmails;
  }

  /**
   * Inserts the account, {@code ACTIVE}, with no permissions and its secret number 1, unless it is
   * already there or was purged; {@code false} when it was either.
   */
  boolean insertIfAbsent(EventEnvelope event, ServiceAccountCreated created) {
    ObjectNode firstSecret = JsonNodeFactory.instance.objectNode();
    firstSecret.put("number", 1);
    firstSecret.put("createdAt", event.occurredAt().toString());
    firstSecret.putNull("expiresAt");
    return jdbc.sql(
                """
                INSERT INTO service_account (id, company_id, client_id, name, app_type,
                                             marketplace_app_id, encrypted_contact_email, status, permissions,
                                             secrets, created_at, created_by, version)
                SELECT :id, :companyId, :clientId, :name, :appType, :marketplaceAppId, :encryptedContactEmail,
                       'ACTIVE', '{}'::jsonb, jsonb_build_array(CAST(:firstSecret AS jsonb)),
                       :at, :actor, :version
                 WHERE NOT EXISTS (SELECT 1 FROM purged_service_account WHERE id = :id)
                ON CONFLICT (id) DO NOTHING
                """)
            .param("id", created.accountId())
            .param("companyId", created.companyId())
            .param("clientId", created.clientId())
            .param("name", created.name())
            .param("appType", created.appType().name())
            .param("marketplaceAppId", created.marketplaceAppId())
            .param("encryptedContactEmail", created.encryptedContactEmail())
            .param("firstSecret", firstSecret.toString())
            .param("at", utc(event.occurredAt()))
            .param("actor", event.actor())
            .param("version", event.version())
            .update()
        == 1;
  }

  /** Applies an edit of the name, app type or marketplace app: the only changes that are edits. */
  boolean applyIfNext(EventEnvelope event, ServiceAccountEdited edited) {
    return advance(
        event,
        """
        name = CASE WHEN :nameChanged THEN CAST(:name AS text) ELSE name END,
        app_type = CASE WHEN :appTypeChanged THEN CAST(:appType AS text) ELSE app_type END,
        marketplace_app_id = CASE WHEN :marketplaceAppIdChanged
                                  THEN CAST(:marketplaceAppId AS text)
                                  ELSE marketplace_app_id END,
        last_edited_at = :at,
        last_edited_by = :actor
        """,
        params ->
            params
                .param("nameChanged", edited.name() != null)
                .param("name", after(edited.name()))
                .param("appTypeChanged", edited.appType() != null)
                .param(
                    "appType", edited.appType() == null ? null : nameOf(edited.appType().after()))
                .param("marketplaceAppIdChanged", edited.marketplaceAppId() != null)
                .param("marketplaceAppId", after(edited.marketplaceAppId()))
                .param("actor", event.actor()));
  }

  /** Sets the levels the event changed; a tool set to {@code NONE} leaves the stored matrix. */
  boolean applyIfNext(EventEnvelope event, ServiceAccountPermissionsChanged changed) {
    ObjectNode levels = JsonNodeFactory.instance.objectNode();
    changed
        .changes()
        .forEach(
            (tool, change) ->
                levels.put(
                    tool,
                    change.after() == null ? PermissionLevel.NONE.name() : change.after().name()));
    return advance(
        event,
        """
        permissions = (SELECT coalesce(jsonb_object_agg(level.key, level.value), '{}'::jsonb)
                         FROM jsonb_each(permissions || CAST(:levels AS jsonb)) AS level
                        WHERE level.value <> '"NONE"'::jsonb)
        """,
        params -> params.param("levels", levels.toString()));
  }

  /**
   * Adds the new secret, current (no expiry), and ends every secret that was still valid at the
   * rotation at {@code previousSecretsExpireAt}; secrets that had expired before keep their expiry.
   */
  boolean applyIfNext(EventEnvelope event, ClientSecretRotated rotated) {
    ObjectNode newSecret = JsonNodeFactory.instance.objectNode();
    newSecret.put("number", rotated.secretNumber());
    newSecret.put("createdAt", event.occurredAt().toString());
    newSecret.putNull("expiresAt");
    return advance(
        event,
        """
        secrets = (SELECT coalesce(jsonb_agg(
                            CASE WHEN secret->>'expiresAt' IS NULL
                                   OR CAST(secret->>'expiresAt' AS timestamptz) > :at
                                 THEN jsonb_set(secret, '{expiresAt}', to_jsonb(CAST(:expireAt AS text)))
                                 ELSE secret END
                            ORDER BY CAST(secret->>'number' AS integer)), '[]'::jsonb)
                     FROM jsonb_array_elements(secrets) AS secret)
                  || jsonb_build_array(CAST(:newSecret AS jsonb))
        """,
        params ->
            params
                .param("expireAt", rotated.previousSecretsExpireAt().toString())
                .param("newSecret", newSecret.toString()));
  }

  /** Sets the status, as a deactivation or reactivation does. */
  boolean applyIfNext(EventEnvelope event, AccountStatus status) {
    return advance(event, "status = :status", params -> params.param("status", status.name()));
  }

  boolean applyIfNext(EventEnvelope event, ServiceAccountDeleted deleted) {
    return advance(
        event,
        "status = 'DELETED', deleted_at = :at, restorable_until = :restorableUntil",
        params -> params.param("restorableUntil", utc(deleted.restorableUntil())));
  }

  boolean applyIfNext(EventEnvelope event, ServiceAccountRestored restored) {
    return advance(
        event,
        "status = :status, deleted_at = NULL, restorable_until = NULL",
        params -> params.param("status", restored.status().name()));
  }

  /**
   * Deletes the row and leaves a tombstone with the purge's version, in one statement, if the row
   * is at the version just before the event's.
   */
  boolean purgeIfNext(EventEnvelope event) {
    return jdbc.sql(
                """
                WITH purged AS (
                    DELETE FROM service_account
                     WHERE id = :id AND version = :version - 1
                 RETURNING id, company_id)
                INSERT INTO purged_service_account (id, company_id, version, purged_at)
                SELECT id, company_id, :version, :at FROM purged
                """)
            .param("id", event.accountId())
            .param("version", event.version())
            .param("at", utc(event.occurredAt()))
            .update()
        == 1;
  }

  /** The version of the account's row; empty when there is none (never created, or purged). */
  Optional<Long> version(UUID accountId) {
    return jdbc.sql("SELECT version FROM service_account WHERE id = :id")
        .param("id", accountId)
        .query(Long.class)
        .optional();
  }

  /** The version of the event that purged the account; empty when it was not purged. */
  Optional<Long> purgedAtVersion(UUID accountId) {
    return jdbc.sql("SELECT version FROM purged_service_account WHERE id = :id")
        .param("id", accountId)
        .query(Long.class)
        .optional();
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

  /**
   * {@code UPDATE service_account SET <assignments>, version = :version WHERE id = :id AND version
   * = :version - 1}, with {@code :at} bound to the event's time; {@code true} when the row was at
   * the version just before the event's.
   */
  private boolean advance(
      EventEnvelope event, String assignments, UnaryOperator<JdbcClient.StatementSpec> params) {
    JdbcClient.StatementSpec statement =
        jdbc.sql(
                """
                UPDATE service_account
                   SET %s,
                       version = :version
                 WHERE id = :id AND version = :version - 1
                """
                    .formatted(assignments))
            .param("id", event.accountId())
            .param("version", event.version())
            .param("at", utc(event.occurredAt()));
    return params.apply(statement).update() == 1;
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

  private static <T> T after(ValueChange<T> change) {
    return change == null ? null : change.after();
  }

  private static String nameOf(AppType appType) {
    return appType == null ? null : appType.name();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
