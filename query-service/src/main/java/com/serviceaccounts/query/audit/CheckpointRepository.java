package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.Checkpoint;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code audit_checkpoint} table: each company's signed checkpoints of its two chains. */
@Repository
class CheckpointRepository {

  private final JdbcClient jdbc;

  CheckpointRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds off other instances' checkpoints of that chain until the caller's transaction ends. */
  void lock(UUID companyId, ChainKind chain) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "audit_checkpoint:" + companyId + ":" + chain.label())
        .query((row, n) -> 1)
        .list();
  }

  Optional<Checkpoint> newest(UUID companyId, ChainKind chain) {
    return newest(companyId, chain, 1).stream().findFirst();
  }

  /** The chain's newest {@code limit} checkpoints, newest first. */
  List<Checkpoint> newest(UUID companyId, ChainKind chain, int limit) {
    return jdbc.sql(
            """
            SELECT signed FROM audit_checkpoint WHERE company_id = :company AND chain = :chain
             ORDER BY number DESC LIMIT :limit
            """)
        .param("company", companyId)
        .param("chain", chain.label())
        .param("limit", limit)
        .query((row, n) -> Checkpoint.parse(row.getString(1)))
        .list();
  }

  void insert(Checkpoint checkpoint) {
    jdbc.sql(
            """
            INSERT INTO audit_checkpoint (company_id, chain, number, last_sequence, last_hash,
                                          created_at, signed)
            VALUES (:company, :chain, :number, :lastSequence, :lastHash, :createdAt, :signed)
            """)
        .param("company", checkpoint.companyId())
        .param("chain", checkpoint.chain().label())
        .param("number", checkpoint.number())
        .param("lastSequence", checkpoint.lastSequence())
        .param("lastHash", checkpoint.lastHash())
        .param("createdAt", checkpoint.createdAt().atOffset(ZoneOffset.UTC))
        .param("signed", checkpoint.toJson())
        .update();
  }

  /** The company's checkpoints of both chains, by chain and number, one at a time. */
  @Transactional(readOnly = true)
  void all(UUID companyId, Consumer<Checkpoint> each) {
    try (var rows =
        jdbc
            .sql(
                "SELECT signed FROM audit_checkpoint WHERE company_id = :company ORDER BY chain, number")
            .withFetchSize(500)
            .param("company", companyId)
            .query((row, n) -> Checkpoint.parse(row.getString(1)))
            .stream()) {
      rows.forEach(each);
    }
  }

  List<Checkpoint> unpublished(int limit) {
    return jdbc.sql(
            """
            SELECT signed FROM audit_checkpoint WHERE NOT published
             ORDER BY created_at, company_id, chain, number LIMIT :limit
            """)
        .param("limit", limit)
        .query((row, n) -> Checkpoint.parse(row.getString(1)))
        .list();
  }

  void markPublished(Checkpoint checkpoint) {
    jdbc.sql(
            """
            UPDATE audit_checkpoint SET published = true
             WHERE company_id = :company AND chain = :chain AND number = :number
            """)
        .param("company", checkpoint.companyId())
        .param("chain", checkpoint.chain().label())
        .param("number", checkpoint.number())
        .update();
  }

  /** The companies whose chain has entries its newest checkpoint does not cover. */
  List<UUID> companiesAhead(ChainKind chain, int limit) {
    String heads =
        chain == ChainKind.AUDIT
            ? "SELECT company_id, company_sequence AS last FROM audit_chain_head"
            : "SELECT company_id, position AS last FROM security_chain_head";
    return jdbc.sql(
            """
            SELECT h.company_id FROM (%s) h
             WHERE h.last > coalesce((SELECT max(last_sequence) FROM audit_checkpoint c
                                       WHERE c.company_id = h.company_id AND c.chain = :chain), 0)
             LIMIT :limit
            """
                .formatted(heads))
        .param("chain", chain.label())
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }
}
