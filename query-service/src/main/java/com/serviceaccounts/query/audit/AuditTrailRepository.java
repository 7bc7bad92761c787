package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.EventEnvelope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code audit_entry} table: one row per event, unique by event id and by account version. */
@Repository
class AuditTrailRepository {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditTrailRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records the event unless an entry for it (or for the same account version) exists; {@code
   * false} when one did.
   */
  boolean insertIfAbsent(EventEnvelope event, ObjectNode changes) {
    return jdbc.sql(
                """
                INSERT INTO audit_entry (event_id, account_id, company_id, account_version, event_type,
                                         actor, occurred_at, correlation_id, changes)
                VALUES (:eventId, :accountId, :companyId, :version, :type,
                        :actor, :occurredAt, :correlationId, CAST(:changes AS jsonb))
                ON CONFLICT DO NOTHING
                """)
            .param("eventId", event.eventId())
            .param("accountId", event.accountId())
            .param("companyId", event.companyId())
            .param("version", event.version())
            .param("type", event.type().shortName())
            .param("actor", event.actor())
            .param("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
            .param("correlationId", event.correlationId())
            .param("changes", changes.toString())
            .update()
        == 1;
  }

  boolean contains(UUID eventId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_entry WHERE event_id = :eventId)")
        .param("eventId", eventId)
        .query(Boolean.class)
        .single();
  }

  /** The account's entries, newest first; empty when the account is not in that company. */
  List<AuditEntryView> findTrail(UUID companyId, UUID accountId) {
    return jdbc.sql(
            """
            SELECT event_id, account_id, company_id, account_version, event_type, actor, occurred_at,
                   correlation_id, changes::text AS changes
              FROM audit_entry
             WHERE account_id = :accountId AND company_id = :companyId
             ORDER BY account_version DESC
            """)
        .param("accountId", accountId)
        .param("companyId", companyId)
        .query(this::view)
        .list();
  }

  private AuditEntryView view(ResultSet row, int rowNumber) throws SQLException {
    return new AuditEntryView(
        row.getObject("event_id", UUID.class),
        row.getObject("account_id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getLong("account_version"),
        row.getString("event_type"),
        row.getString("actor"),
        row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        row.getString("correlation_id"),
        json.readTree(row.getString("changes")));
  }
}
