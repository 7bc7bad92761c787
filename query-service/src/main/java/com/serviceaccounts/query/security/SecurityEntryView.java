package com.serviceaccounts.query.security;

import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A refused attempt as the audit trail shows it.
 *
 * @param position its place in the company's security entries, 1 for the first
 * @param accountId the account concerned; {@code null} when the request named none
 * @param source {@code command-service} or {@code token-service}
 * @param status the HTTP status the attempt was refused with
 * @param chainVersion the version of the chain algorithm its hash was computed with
 * @param hash the chain hash: SHA-256 of the previous entry's hash and the entry's canonical form
 *     ({@link ChainKind#SECURITY} names the fields it covers)
 */
public record SecurityEntryView(
    UUID entryId,
    UUID companyId,
    long position,
    UUID accountId,
    String source,
    String operation,
    int status,
    String reason,
    String actor,
    String actorType,
    String correlationId,
    Instant occurredAt,
    int chainVersion,
    String hash) {

  /** The entry as the exports write it (and the verifier reads it). */
  public ObjectNode row() {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("entryId", entryId.toString());
    row.put("companyId", companyId.toString());
    row.put("position", position);
    row.put("accountId", accountId == null ? null : accountId.toString());
    row.put("source", source);
    row.put("operation", operation);
    row.put("status", status);
    row.put("reason", reason);
    row.put("actor", actor);
    row.put("actorType", actorType);
    row.put("correlationId", correlationId);
    row.put("occurredAt", occurredAt.toString());
    row.put("hash", hash);
    row.put("chainVersion", chainVersion);
    return row;
  }

  public ChainEntry chainEntry() {
    return ChainKind.SECURITY.entry(row());
  }

  SecurityEntryView withHash(String chainHash) {
    return new SecurityEntryView(
        entryId,
        companyId,
        position,
        accountId,
        source,
        operation,
        status,
        reason,
        actor,
        actorType,
        correlationId,
        occurredAt,
        chainVersion,
        chainHash);
  }
}
