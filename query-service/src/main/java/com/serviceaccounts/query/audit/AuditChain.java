package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.contract.query.AuditEntry;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash chain of a company's audit trail: entry n's hash is {@code SHA-256(hash of entry n-1 ‖
 * canonical(entry n))}, hex-encoded, with 32 zero bytes before entry 1. Changing, removing or
 * reordering any entry changes every hash from there on. Which columns the hash covers and how they
 * are made canonical is the audit-verifier's ({@link ChainKind#AUDIT}, {@link ChainAlgorithm}): the
 * same code hashes here and verifies an export.
 */
public final class AuditChain {

  /** What entry 1 chains to. */
  public static final String GENESIS = ChainAlgorithm.GENESIS;

  private AuditChain() {}

  /** The entry's hash, with the algorithm version it names, linked to {@code previousHash}. */
  static String hash(String previousHash, AuditEntry entry) {
    return ChainKind.AUDIT.hash(previousHash, ChainAlgorithm.of(entry.chainVersion()), row(entry));
  }

  static ChainEntry chainEntry(AuditEntry entry) {
    return ChainKind.AUDIT.entry(row(entry));
  }

  /** The entry as the exports write it (and the verifier reads it), fields in export order. */
  static ObjectNode row(AuditEntry entry) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("eventId", entry.eventId().toString());
    row.put("companyId", entry.companyId().toString());
    row.put("companySequence", entry.companySequence());
    row.put("accountId", entry.accountId().toString());
    row.put("version", entry.version());
    row.put("type", entry.type());
    row.put("actor", entry.actor());
    row.put("actorType", entry.actorType());
    row.put("occurredAt", entry.occurredAt().toString());
    row.put("correlationId", entry.correlationId());
    row.set("changes", entry.changes());
    row.put("hash", entry.hash());
    row.put("chainVersion", entry.chainVersion());
    return row;
  }
}
