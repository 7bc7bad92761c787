package com.serviceaccounts.query.security;

import com.serviceaccounts.query.audit.AuditChain;
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
 * @param hash the chain hash: SHA-256 of the previous entry's hash and {@link #canonical()}
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
    String hash) {

  /**
   * Every column but the hash as canonical JSON (keys sorted, no white space; {@code occurredAt}
   * ISO-8601 UTC to the microsecond, as stored; absent values as JSON null).
   */
  String canonical() {
    ObjectNode columns = JsonNodeFactory.instance.objectNode();
    columns.put("accountId", accountId == null ? null : accountId.toString());
    columns.put("actor", actor);
    columns.put("actorType", actorType);
    columns.put("companyId", companyId.toString());
    columns.put("correlationId", correlationId);
    columns.put("entryId", entryId.toString());
    columns.put("occurredAt", occurredAt.toString());
    columns.put("operation", operation);
    columns.put("position", position);
    columns.put("reason", reason);
    columns.put("source", source);
    columns.put("status", status);
    return AuditChain.canonical(columns);
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
        chainHash);
  }
}
