package com.serviceaccounts.intake;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of a parked-record table, with all it keeps. */
record Stored(
    long id,
    String topic,
    int partition,
    long offset,
    byte[] key,
    Object holder,
    UUID companyId,
    UUID accountId,
    String reason,
    byte[] value,
    byte[] headers,
    String parkedAt,
    int attempts,
    String redrivenAt) {

  static Stored read(ResultSet row, String holderColumn, ParkingStrategy strategy)
      throws SQLException {
    // A table keeps the key as text or as the bytes received.
    Object key = row.getObject("record_key");
    return new Stored(
        row.getLong("id"),
        row.getString("topic"),
        row.getInt("partition"),
        row.getLong("record_offset"),
        key instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) key,
        row.getObject(holderColumn),
        row.getObject("company_id", UUID.class),
        strategy.accountId(row),
        row.getString("reason"),
        row.getBytes("value"),
        row.getBytes("headers"),
        row.getObject("parked_at", OffsetDateTime.class).toInstant().toString(),
        row.getInt("attempts"),
        instant(row.getObject("redriven_at", OffsetDateTime.class)));
  }

  private static String instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }

  Parked view() {
    return new Parked(
        id,
        topic,
        partition,
        offset,
        RecordText.preview(key),
        companyId,
        accountId,
        reason,
        parkedAt,
        attempts,
        redrivenAt,
        value == null ? 0 : value.length,
        RecordText.preview(value));
  }
}
