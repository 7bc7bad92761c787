package com.serviceaccounts.auditverifier;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two chains a company has, and which of an exported row's fields each hashes. A row is an
 * entry as the exports write it (an NDJSON line, or a CSV row with the same names).
 */
public enum ChainKind {

  /** The audit trail: one entry per event, numbered by {@code companySequence}. */
  AUDIT("audit", "companySequence", "eventId") {
    @Override
    ObjectNode hashed(ObjectNode row) {
      // Inserted in sorted key order, which the V1 form relies on no more than V2 does.
      ObjectNode columns = JsonNodeFactory.instance.objectNode();
      columns.put("accountId", uuid(row, "accountId"));
      columns.put("accountVersion", number(row, "version"));
      columns.put("actor", text(row, "actor"));
      columns.put("actorType", text(row, "actorType"));
      columns.set("changes", json(row, "changes"));
      columns.put("companyId", uuid(row, "companyId"));
      columns.put("companySequence", number(row, "companySequence"));
      columns.put("correlationId", text(row, "correlationId"));
      columns.put("eventId", uuid(row, "eventId"));
      columns.put("eventType", text(row, "type"));
      columns.put("occurredAt", instant(row, "occurredAt"));
      return columns;
    }
  },

  /** Refused attempts: one entry per refusal, numbered by {@code position}. */
  SECURITY("security", "position", "entryId") {
    @Override
    ObjectNode hashed(ObjectNode row) {
      ObjectNode columns = JsonNodeFactory.instance.objectNode();
      columns.put("accountId", optional(row, "accountId"));
      columns.put("actor", text(row, "actor"));
      columns.put("actorType", text(row, "actorType"));
      columns.put("companyId", uuid(row, "companyId"));
      columns.put("correlationId", optional(row, "correlationId"));
      columns.put("entryId", uuid(row, "entryId"));
      columns.put("occurredAt", instant(row, "occurredAt"));
      columns.put("operation", text(row, "operation"));
      columns.put("position", number(row, "position"));
      columns.put("reason", text(row, "reason"));
      columns.put("source", text(row, "source"));
      columns.put("status", (int) number(row, "status"));
      return columns;
    }
  };

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String label;
  private final String sequenceField;
  private final String idField;

  ChainKind(String label, String sequenceField, String idField) {
    this.label = label;
    this.sequenceField = sequenceField;
    this.idField = idField;
  }

  /** {@code audit} or {@code security}: how checkpoints and exports name the chain. */
  public String label() {
    return label;
  }

  public static ChainKind byLabel(String label) {
    for (ChainKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("chain must be audit or security, was '" + label + "'");
  }

  /**
   * The fields the entry's hash covers, in canonical order, read from an exported row.
   *
   * @throws IllegalArgumentException naming a field that is missing or malformed
   */
  abstract ObjectNode hashed(ObjectNode row);

  /**
   * The row as an entry of this chain.
   *
   * @throws IllegalArgumentException naming a field that is missing or malformed
   */
  public ChainEntry entry(ObjectNode row) {
    JsonNode version = row.get("chainVersion");
    return new ChainEntry(
        UUID.fromString(uuid(row, "companyId")),
        number(row, sequenceField),
        uuid(row, idField),
        version == null || version.isNull()
            ? ChainAlgorithm.V1
            : ChainAlgorithm.of((int) number(row, "chainVersion")),
        hashed(row),
        text(row, "hash"));
  }

  /** The entry's hash, as the chain's writer computes it: linked to the previous entry's hash. */
  public String hash(String previousHash, ChainAlgorithm algorithm, ObjectNode row) {
    return algorithm.link(previousHash, hashed(row));
  }

  private static JsonNode field(ObjectNode row, String name) {
    JsonNode value = row.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the entry has no " + name);
    }
    return value;
  }

  private static String text(ObjectNode row, String name) {
    return field(row, name).asString();
  }

  private static String optional(ObjectNode row, String name) {
    JsonNode value = row.get(name);
    return value == null || value.isNull() || value.asString().isEmpty() ? null : value.asString();
  }

  private static String uuid(ObjectNode row, String name) {
    try {
      return UUID.fromString(text(row, name)).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a UUID, was '" + text(row, name) + "'");
    }
  }

  private static long number(ObjectNode row, String name) {
    JsonNode value = field(row, name);
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    try {
      return Long.parseLong(value.asString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be an integer, was '" + value.asString() + "'");
    }
  }

  private static String instant(ObjectNode row, String name) {
    // Instant's own form (as the writer hashed it), whatever digits the file shows.
    try {
      return Instant.parse(text(row, name)).toString();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 instant, was '" + text(row, name) + "'");
    }
  }

  private static JsonNode json(ObjectNode row, String name) {
    JsonNode value = field(row, name);
    if (value.isObject() || value.isArray()) {
      return value;
    }
    // A CSV cell holds the JSON as text.
    try {
      return JSON.readTree(value.asString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be JSON, was '" + value.asString() + "'");
    }
  }
}
