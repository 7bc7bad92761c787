package com.serviceaccounts.query.audit;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.query.intake.CompareAndSet;
import com.serviceaccounts.query.intake.CopyRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code audit_entry} table (one row per event, unique by event id, by account version and by
 * company sequence) and {@code audit_chain_head} (each company's newest entry).
 */
@Repository
class AuditTrailRepository {

  /** Rows the driver holds at a time while streaming; PostgreSQL needs a transaction for this. */
  static final int FETCH_SIZE = 500;

  private static final String COLUMNS =
      """
      event_id, company_id, company_sequence, account_id, account_version, event_type, actor,
      actor_type, occurred_at, correlation_id, changes::text AS changes, chain_version, hash
      """;

  /** The head of a company's chain: its newest entry's number and hash. */
  record ChainHead(long companySequence, String hash) {}

  /** The company sequence numbers of the first and the last of some entries. */
  record SequenceRange(long first, long last) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batches;
  private final NamedParameterJdbcTemplate streaming;
  private final JsonMapper json;

  AuditTrailRepository(
      JdbcClient jdbc, NamedParameterJdbcTemplate batches, DataSource dataSource, JsonMapper json) {
    this.jdbc = jdbc;
    this.batches = batches;
    JdbcTemplate cursor = new JdbcTemplate(dataSource);
    cursor.setFetchSize(FETCH_SIZE);
    this.streaming = new NamedParameterJdbcTemplate(cursor);
    this.json = json;
  }

  Optional<ChainHead> head(UUID companyId) {
    return jdbc.sql(
            "SELECT company_sequence, hash FROM audit_chain_head WHERE company_id = :companyId")
        .param("companyId", companyId)
        .query((row, n) -> new ChainHead(row.getLong("company_sequence"), row.getString("hash")))
        .optional();
  }

  /** The heads of the companies' chains, locked until the caller's transaction ends. */
  Map<UUID, ChainHead> lockHeads(Collection<UUID> companyIds) {
    Map<UUID, ChainHead> heads = new HashMap<>();
    batches.query(
        """
        SELECT company_id, company_sequence, hash FROM audit_chain_head
         WHERE company_id IN (:companyIds) FOR UPDATE
        """,
        new MapSqlParameterSource("companyIds", new HashSet<>(companyIds)),
        row -> {
          heads.put(
              row.getObject("company_id", UUID.class),
              new ChainHead(row.getLong("company_sequence"), row.getString("hash")));
        });
    return heads;
  }

  /**
   * Stores the entries and moves each company's head from where it was read to its newest entry. A
   * head is moved only from the value read, and a company's first is inserted, so that a chain
   * extended meanwhile by another transaction fails this one instead of forking.
   *
   * @throws IllegalStateException if a head moved meanwhile
   * @throws org.springframework.dao.DuplicateKeyException if an entry's event id, account version
   *     or company sequence is taken, or another transaction stored a company's first head
   */
  void append(
      List<AuditEntry> entries, Map<UUID, ChainHead> storedHeads, Map<UUID, ChainHead> heads) {
    CopyRows rows =
        new CopyRows(
            "audit_entry",
            """
            event_id, company_id, company_sequence, account_id, account_version, event_type, actor,
            actor_type, occurred_at, correlation_id, changes, chain_version, hash""");
    for (AuditEntry entry : entries) {
      rows.value(entry.eventId())
          .value(entry.companyId())
          .value(entry.companySequence())
          .value(entry.accountId())
          .value(entry.version())
          .value(entry.type())
          .value(entry.actor())
          .value(entry.actorType())
          .value(entry.occurredAt())
          .value(entry.correlationId())
          .value(entry.changes())
          .value(entry.chainVersion())
          .value(entry.hash())
          .endRow();
    }
    rows.copy(batches.getJdbcTemplate());
    List<SqlParameterSource> firsts = new ArrayList<>();
    List<SqlParameterSource> moves = new ArrayList<>();
    heads.forEach(
        (company, head) -> {
          ChainHead stored = storedHeads.get(company);
          if (head.equals(stored)) {
            return;
          }
          MapSqlParameterSource values =
              new MapSqlParameterSource()
                  .addValue("companyId", company)
                  .addValue("sequence", head.companySequence())
                  .addValue("hash", head.hash())
                  .addValue("before", stored == null ? 0 : stored.companySequence());
          (stored == null ? firsts : moves).add(values);
        });
    batches.batchUpdate(
        """
        INSERT INTO audit_chain_head (company_id, company_sequence, hash)
        VALUES (:companyId, :sequence, :hash)
        """,
        firsts.toArray(SqlParameterSource[]::new));
    CompareAndSet.update(
        batches,
        """
        UPDATE audit_chain_head SET company_sequence = :sequence, hash = :hash
         WHERE company_id = :companyId AND company_sequence = :before
        """,
        moves,
        "audit chain of company %s moved while entries were appended");
  }

  /** Whether the account has any entry in the company: whether it exists there, for auditors. */
  boolean hasEntries(UUID companyId, UUID accountId) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM audit_entry WHERE account_id = :accountId AND company_id = :companyId)")
        .param("accountId", accountId)
        .param("companyId", companyId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Up to {@code limit} entries matching the query, newest (highest company sequence) first,
   * starting below {@code beforeSequence} when given.
   */
  List<AuditEntry> newestFirst(AuditQuery query, Long beforeSequence, int limit) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(query, params);
    if (beforeSequence != null) {
      where += " AND company_sequence < :before";
      params.addValue("before", beforeSequence);
    }
    params.addValue("limit", limit);
    return streaming.query(
        "SELECT %s FROM audit_entry WHERE %s ORDER BY company_sequence DESC LIMIT :limit"
            .formatted(COLUMNS, where),
        params,
        this::view);
  }

  long count(AuditQuery query) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    return streaming.queryForObject(
        "SELECT count(*) FROM audit_entry WHERE " + where(query, params), params, Long.class);
  }

  /**
   * Hands the matching entries, oldest first, to {@code consumer} until it answers {@code false},
   * reading them through a cursor so that memory does not grow with their number. One snapshot.
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  void oldestFirst(AuditQuery query, long fromSequence, Predicate<AuditEntry> consumer) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(query, params) + " AND company_sequence >= :fromSequence";
    params.addValue("fromSequence", fromSequence);
    streaming.query(
        "SELECT %s FROM audit_entry WHERE %s ORDER BY company_sequence".formatted(COLUMNS, where),
        params,
        (ResultSetExtractor<Void>)
            rows -> {
              while (rows.next() && consumer.test(view(rows, 0))) {
                // the consumer does the work
              }
              return null;
            });
  }

  /** The lowest and highest company sequence of the entries that match the query. */
  Optional<SequenceRange> sequenceRange(AuditQuery query) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    List<SequenceRange> ranges =
        streaming.query(
            "SELECT min(company_sequence) AS low, max(company_sequence) AS high FROM audit_entry WHERE "
                + where(query, params),
            params,
            (row, n) ->
                row.getObject("low") == null
                    ? null
                    : new SequenceRange(row.getLong("low"), row.getLong("high")));
    return Optional.ofNullable(ranges.get(0));
  }

  Optional<String> hashOf(UUID companyId, long companySequence) {
    return jdbc.sql(
            "SELECT hash FROM audit_entry WHERE company_id = :companyId AND company_sequence = :sequence")
        .param("companyId", companyId)
        .param("sequence", companySequence)
        .query(String.class)
        .optional();
  }

  private static String where(AuditQuery query, MapSqlParameterSource params) {
    List<String> conditions = new ArrayList<>();
    conditions.add("company_id = :companyId");
    params.addValue("companyId", query.companyId());
    if (query.accountId() != null) {
      conditions.add("account_id = :accountId");
      params.addValue("accountId", query.accountId());
    }
    if (query.actor() != null) {
      conditions.add("actor = :actor");
      params.addValue("actor", query.actor());
    }
    if (!query.types().isEmpty()) {
      conditions.add("event_type IN (:types)");
      params.addValue("types", query.types().stream().sorted().toList());
    }
    if (query.from() != null) {
      conditions.add("occurred_at >= :from");
      params.addValue("from", utc(query.from()));
    }
    if (query.to() != null) {
      conditions.add("occurred_at < :to");
      params.addValue("to", utc(query.to()));
    }
    return String.join(" AND ", conditions);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private AuditEntry view(ResultSet row, int rowNumber) throws SQLException {
    return new AuditEntry(
        row.getObject("event_id", UUID.class),
        row.getObject("company_id", UUID.class),
        row.getLong("company_sequence"),
        row.getObject("account_id", UUID.class),
        row.getLong("account_version"),
        row.getString("event_type"),
        row.getString("actor"),
        row.getString("actor_type"),
        row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        row.getString("correlation_id"),
        json.readTree(row.getString("changes")),
        row.getInt("chain_version"),
        row.getString("hash"));
  }
}
