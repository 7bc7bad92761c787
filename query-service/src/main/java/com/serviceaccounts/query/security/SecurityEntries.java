package com.serviceaccounts.query.security;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.events.security.SecurityEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code security_entry} table and the head of each company's chain of them. */
@Repository
public class SecurityEntries {

  private final JdbcClient jdbc;

  SecurityEntries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appends the entry to its company's chain unless it is there already (a redelivered record);
   * {@code false} when it was. The chain head is locked, so one company's entries chain one after
   * the other.
   */
  @Transactional
  public boolean append(SecurityEntry entry) {
    jdbc.sql(
            """
            INSERT INTO security_chain_head (company_id, position, hash) VALUES (:company, 0, :genesis)
            ON CONFLICT (company_id) DO NOTHING
            """)
        .param("company", entry.companyId())
        .param("genesis", ChainAlgorithm.GENESIS)
        .update();
    Head head =
        jdbc.sql(
                "SELECT position, hash FROM security_chain_head WHERE company_id = :company FOR UPDATE")
            .param("company", entry.companyId())
            .query((row, i) -> new Head(row.getLong(1), row.getString(2)))
            .single();
    boolean known =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM security_entry WHERE entry_id = :id)")
            .param("id", entry.entryId())
            .query(Boolean.class)
            .single();
    if (known) {
      return false;
    }
    SecurityEntry stored = toTheMicrosecond(entry);
    SecurityEntryView view =
        new SecurityEntryView(stored, head.position() + 1, ChainAlgorithm.CURRENT.version(), null);
    String hash = ChainKind.SECURITY.hash(head.hash(), ChainAlgorithm.CURRENT, view.row());
    jdbc.sql(
            """
            INSERT INTO security_entry (entry_id, company_id, position, account_id, source, operation,
                                        status, reason, actor, actor_type, correlation_id,
                                        occurred_at, chain_version, hash)
            VALUES (:entryId, :companyId, :position, :accountId, :source, :operation, :status,
                    :reason, :actor, :actorType, :correlationId, :occurredAt, :chainVersion,
                    :hash)
            """)
        .param("entryId", stored.entryId())
        .param("companyId", stored.companyId())
        .param("position", view.position())
        .param("accountId", stored.accountId())
        .param("source", stored.source())
        .param("operation", stored.operation())
        .param("status", stored.status())
        .param("reason", stored.reason())
        .param("actor", stored.actor())
        .param("actorType", stored.actorType())
        .param("correlationId", stored.correlationId())
        .param("occurredAt", stored.occurredAt().atOffset(ZoneOffset.UTC))
        .param("chainVersion", view.chainVersion())
        .param("hash", hash)
        .update();
    jdbc.sql(
            "UPDATE security_chain_head SET position = :position, hash = :hash"
                + " WHERE company_id = :company")
        .param("position", view.position())
        .param("hash", hash)
        .param("company", entry.companyId())
        .update();
    return true;
  }

  /** The company's entries before {@code position} (all when null), newest first. */
  List<SecurityEntryView> newestFirst(
      UUID companyId, UUID accountId, Instant from, Instant to, Long before, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM security_entry
             WHERE company_id = :company
               AND (CAST(:account AS uuid) IS NULL OR account_id = :account)
               AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)
               AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)
               AND (CAST(:before AS bigint) IS NULL OR position < :before)
             ORDER BY position DESC LIMIT :limit
            """)
        .param("company", companyId)
        .param("account", accountId)
        .param("from", from == null ? null : from.atOffset(ZoneOffset.UTC))
        .param("to", to == null ? null : to.atOffset(ZoneOffset.UTC))
        .param("before", before)
        .param("limit", limit)
        .query(SecurityEntries::view)
        .list();
  }

  /**
   * The company's entries from position {@code from} on, in chain order, one at a time, until
   * {@code each} answers {@code false}.
   */
  @Transactional(readOnly = true)
  public void inChainOrder(UUID companyId, long from, Predicate<SecurityEntryView> each) {
    try (var rows =
        jdbc
            .sql(
                "SELECT * FROM security_entry WHERE company_id = :company AND position >= :from"
                    + " ORDER BY position")
            .withFetchSize(500)
            .param("company", companyId)
            .param("from", from)
            .query(SecurityEntries::view)
            .stream()) {
      var iterator = rows.iterator();
      while (iterator.hasNext() && each.test(iterator.next())) {
        // the consumer does the work
      }
    }
  }

  /** The position and hash of the company's newest entry; empty when it has none. */
  public Optional<Head> head(UUID companyId) {
    return jdbc.sql(
            "SELECT position, hash FROM security_chain_head WHERE company_id = :company AND position > 0")
        .param("company", companyId)
        .query((row, i) -> new Head(row.getLong(1), row.getString(2)))
        .optional();
  }

  /** A chain's newest entry: its position and hash. */
  public record Head(long position, String hash) {}

  private static SecurityEntryView view(ResultSet row, int rowNumber) throws SQLException {
    return new SecurityEntryView(
        new SecurityEntry(
            row.getObject("entry_id", UUID.class),
            row.getObject("company_id", UUID.class),
            row.getObject("account_id", UUID.class),
            row.getString("source"),
            row.getString("operation"),
            row.getInt("status"),
            row.getString("reason"),
            row.getString("actor"),
            row.getString("actor_type"),
            row.getString("correlation_id"),
            row.getObject("occurred_at", OffsetDateTime.class).toInstant()),
        row.getLong("position"),
        row.getInt("chain_version"),
        row.getString("hash"));
  }

  /** The entry with its time as PostgreSQL keeps it, to the microsecond. */
  private static SecurityEntry toTheMicrosecond(SecurityEntry entry) {
    return new SecurityEntry(
        entry.entryId(),
        entry.companyId(),
        entry.accountId(),
        entry.source(),
        entry.operation(),
        entry.status(),
        entry.reason(),
        entry.actor(),
        entry.actorType(),
        entry.correlationId(),
        entry.occurredAt().truncatedTo(ChronoUnit.MICROS));
  }
}
