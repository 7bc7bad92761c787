package com.serviceaccounts.query.listing;

import static com.serviceaccounts.query.listing.ListingColumns.instant;

import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.contract.query.ServiceAccountView.SecretView;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.query.personaldata.ContactEmails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's side of {@code service_account}: one account, or a filtered page, as views with their
 * contact emails opened.
 */
@Repository
class ServiceAccountListing {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ContactEmails contactEmails;

  ServiceAccountListing(JdbcClient jdbc, JsonMapper json, ContactEmails contactEmails) {
    this.jdbc = jdbc;
    this.json = json;
    this.contactEmails = contactEmails;
  }

  /** The account in any status, deleted included; empty when unknown, purged or another's. */
  Optional<ServiceAccountView> find(UUID companyId, UUID accountId) {
    return jdbc.sql(
            "SELECT %s FROM service_account WHERE id = :id AND company_id = :companyId"
                .formatted(ListingColumns.ALL))
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
                    .formatted(ListingColumns.ALL, where),
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
}
