package com.serviceaccounts.query.listing;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code service_account} table: one row per account, at the version of its last applied event.
 */
@Repository
class ServiceAccountListingRepository {

  private static final String COLUMNS =
      """
      id, company_id, client_id, name, app_type, marketplace_app_id, contact_email,
      created_at, created_by, last_edited_at, last_edited_by, version
      """;

  private final JdbcClient jdbc;

  ServiceAccountListingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the account unless it is already there; {@code false} when it was. */
  boolean insertIfAbsent(EventEnvelope event, ServiceAccountCreated created) {
    return jdbc.sql(
                """
                INSERT INTO service_account (%s)
                VALUES (:id, :companyId, :clientId, :name, :appType, :marketplaceAppId, :contactEmail,
                        :at, :actor, NULL, NULL, :version)
                ON CONFLICT (id) DO NOTHING
                """
                    .formatted(COLUMNS))
            .param("id", created.accountId())
            .param("companyId", created.companyId())
            .param("clientId", created.clientId())
            .param("name", created.name())
            .param("appType", created.appType().name())
            .param("marketplaceAppId", created.marketplaceAppId())
            .param("contactEmail", created.contactEmail())
            .param("at", utc(event.occurredAt()))
            .param("actor", event.actor())
            .param("version", event.version())
            .update()
        == 1;
  }

  /**
   * Applies an edit if the stored row is at the version just before the event's; {@code false} when
   * it is not (a duplicate, a gap, or an unknown account).
   */
  boolean applyIfNext(EventEnvelope event, ServiceAccountEdited edited) {
    return jdbc.sql(
                """
                UPDATE service_account
                   SET name = CASE WHEN :nameChanged THEN CAST(:name AS text) ELSE name END,
                       app_type = CASE WHEN :appTypeChanged THEN CAST(:appType AS text) ELSE app_type END,
                       marketplace_app_id = CASE WHEN :marketplaceAppIdChanged
                                                 THEN CAST(:marketplaceAppId AS text)
                                                 ELSE marketplace_app_id END,
                       last_edited_at = :at,
                       last_edited_by = :actor,
                       version = :version
                 WHERE id = :id AND version = :version - 1
                """)
            .param("nameChanged", edited.name() != null)
            .param("name", after(edited.name()))
            .param("appTypeChanged", edited.appType() != null)
            .param("appType", edited.appType() == null ? null : nameOf(edited.appType().after()))
            .param("marketplaceAppIdChanged", edited.marketplaceAppId() != null)
            .param("marketplaceAppId", after(edited.marketplaceAppId()))
            .param("at", utc(event.occurredAt()))
            .param("actor", event.actor())
            .param("version", event.version())
            .param("id", event.accountId())
            .update()
        == 1;
  }

  Optional<Long> version(UUID accountId) {
    return jdbc.sql("SELECT version FROM service_account WHERE id = :id")
        .param("id", accountId)
        .query(Long.class)
        .optional();
  }

  Optional<ServiceAccountView> find(UUID companyId, UUID accountId) {
    return jdbc.sql(
            "SELECT %s FROM service_account WHERE id = :id AND company_id = :companyId"
                .formatted(COLUMNS))
        .param("id", accountId)
        .param("companyId", companyId)
        .query(ServiceAccountListingRepository::view)
        .optional();
  }

  /** The page and the total it belongs to, read in one snapshot. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  ServiceAccountPage page(UUID companyId, int page, int size) {
    List<ServiceAccountView> items =
        jdbc.sql(
                """
                SELECT %s FROM service_account
                 WHERE company_id = :companyId
                 ORDER BY lower(name), id
                 LIMIT :limit OFFSET :offset
                """
                    .formatted(COLUMNS))
            .param("companyId", companyId)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(ServiceAccountListingRepository::view)
            .list();
    long total =
        jdbc.sql("SELECT count(*) FROM service_account WHERE company_id = :companyId")
            .param("companyId", companyId)
            .query(Long.class)
            .single();
    return ServiceAccountPage.of(items, page, size, total);
  }

  private static ServiceAccountView view(ResultSet row, int rowNumber) throws SQLException {
    return new ServiceAccountView(
        row.getObject("id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getString("client_id"),
        row.getString("name"),
        AppType.valueOf(row.getString("app_type")),
        row.getString("marketplace_app_id"),
        row.getString("contact_email"),
        instant(row, "created_at"),
        row.getString("created_by"),
        instant(row, "last_edited_at"),
        row.getString("last_edited_by"),
        row.getLong("version"));
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
