package com.serviceaccounts.query.listing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The columns of the {@code service_account} table as the listing's readers and writer use them.
 */
final class ListingColumns {

  static final String ALL =
      """
      id, company_id, client_id, name, app_type, marketplace_app_id, encrypted_contact_email,
      status, permissions::text AS permissions, secrets::text AS secrets,
      created_at, created_by, last_edited_at, last_edited_by, deleted_at, restorable_until,
      last_used_at, version
      """;

  private ListingColumns() {}

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
