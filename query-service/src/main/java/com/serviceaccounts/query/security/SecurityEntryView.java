package com.serviceaccounts.query.security;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.events.security.SecurityEntry;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A refused attempt as the audit trail shows it: the {@link SecurityEntry} as reported (its fields
 * at the top level of the JSON), with its link in the company's chain.
 *
 * @param entry the attempt, its time to the microsecond as stored
 * @param position its place in the company's security entries, 1 for the first
 * @param chainVersion the version of the chain algorithm its hash was computed with
 * @param hash the chain hash: SHA-256 of the previous entry's hash and the entry's canonical form
 *     ({@link ChainKind#SECURITY} names the fields it covers)
 */
public record SecurityEntryView(
    @JsonUnwrapped SecurityEntry entry, long position, int chainVersion, String hash) {

  /** The entry as the exports write it (and the verifier reads it). */
  public ObjectNode row() {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("entryId", entry.entryId().toString());
    row.put("companyId", entry.companyId().toString());
    row.put("position", position);
    row.put("accountId", entry.accountId() == null ? null : entry.accountId().toString());
    row.put("source", entry.source());
    row.put("operation", entry.operation());
    row.put("status", entry.status());
    row.put("reason", entry.reason());
    row.put("actor", entry.actor());
    row.put("actorType", entry.actorType());
    row.put("correlationId", entry.correlationId());
    row.put("occurredAt", entry.occurredAt().toString());
    row.put("hash", hash);
    row.put("chainVersion", chainVersion);
    return row;
  }

  public ChainEntry chainEntry() {
    return ChainKind.SECURITY.entry(row());
  }
}
