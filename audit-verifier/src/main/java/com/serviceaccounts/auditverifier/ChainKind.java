package com.serviceaccounts.auditverifier;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two chains a company has, and which of an exported row's fields each hashes. A row is an
 * entry as the exports write it (an NDJSON line, or a CSV row with the same names).
 */
public enum ChainKind {

  /** The audit trail: one entry per event, numbered by {@code companySequence}. */
  AUDIT(
      "audit",
      "companySequence",
      "eventId",
      // In sorted key order, which the V1 form relies on no more than V2 does.
      new Column("accountId", Read.ID),
      new Column("accountVersion", "version", Read.NUMBER),
      new Column("actor", Read.TEXT),
      new Column("actorType", Read.TEXT),
      new Column("changes", Read.JSON),
      new Column("companyId", Read.ID),
      new Column("companySequence", Read.NUMBER),
      new Column("correlationId", Read.TEXT),
      new Column("eventId", Read.ID),
      new Column("eventType", "type", Read.TEXT),
      new Column("occurredAt", Read.INSTANT)),

  /** Refused attempts: one entry per refusal, numbered by {@code position}. */
  SECURITY(
      "security",
      "position",
      "entryId",
      new Column("accountId", Read.OPTIONAL_TEXT),
      new Column("actor", Read.TEXT),
      new Column("actorType", Read.TEXT),
      new Column("companyId", Read.ID),
      new Column("correlationId", Read.OPTIONAL_TEXT),
      new Column("entryId", Read.ID),
      new Column("occurredAt", Read.INSTANT),
      new Column("operation", Read.TEXT),
      new Column("position", Read.NUMBER),
      new Column("reason", Read.TEXT),
      new Column("source", Read.TEXT),
      new Column("status", Read.STATUS));

  /** A number as the exports write one in text (a CSV cell): ASCII digits, no sign. */
  private static final Pattern ASCII_INTEGER = Pattern.compile("[0-9]{1,19}");

  private final String label;
  private final String sequenceField;
  private final String idField;
  private final List<Column> columns;

  ChainKind(String label, String sequenceField, String idField, Column... columns) {
    this.label = label;
    this.sequenceField = sequenceField;
    this.idField = idField;
    this.columns = List.of(columns);
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
  ObjectNode hashed(ObjectNode row, boolean text) {
    ObjectNode hashed = JsonNodeFactory.instance.objectNode();
    columns.forEach(column -> column.put(hashed, row, text));
    return hashed;
  }

  /** How a hashed column's value is read from the row, and checked. */
  private enum Read {
    TEXT,
    OPTIONAL_TEXT,
    ID,
    NUMBER,
    STATUS,
    INSTANT,
    JSON
  }

  /** A column the hash covers: its name there, and the row's field it is read from. */
  private record Column(String name, String field, Read read) {

    Column(String name, Read read) {
      this(name, name, read);
    }

    void put(ObjectNode hashed, ObjectNode row, boolean text) {
      switch (read) {
        case TEXT -> hashed.put(name, text(row, field));
        case OPTIONAL_TEXT -> hashed.put(name, optional(row, field));
        case ID -> hashed.put(name, uuid(row, field));
        case NUMBER -> hashed.put(name, number(row, field, text));
        case STATUS -> hashed.put(name, (int) number(row, field, text));
        case INSTANT -> hashed.put(name, instant(row, field));
        case JSON -> hashed.set(name, json(row, field, text));
      }
    }
  }

  /**
   * The row as an entry of this chain, as the service and an NDJSON export write it: numbers and
   * the changes as JSON.
   *
   * @throws IllegalArgumentException naming a field that is missing or malformed
   */
  public ChainEntry entry(ObjectNode row) {
    return entry(row, false);
  }

  /**
   * As {@link #entry(ObjectNode)}; with {@code text}, every field is text, as a CSV export writes
   * it: a number in ASCII digits, the changes as JSON in text.
   */
  public ChainEntry entry(ObjectNode row, boolean text) {
    for (String name : row.propertyNames()) {
      if (!name.equals("hash")
          && !name.equals("chainVersion")
          && columns.stream().noneMatch(column -> column.field().equals(name))) {
        throw new IllegalArgumentException(
            "the entry has a field "
                + name
                + " that no export writes and the hash does not cover"
                + " (an entry holds only what its hash covers, its hash and chainVersion)");
      }
    }
    JsonNode version = row.get("chainVersion");
    return new ChainEntry(
        UUID.fromString(uuid(row, "companyId")),
        number(row, sequenceField, text),
        uuid(row, idField),
        version == null || version.isNull()
            ? ChainAlgorithm.V1
            : ChainAlgorithm.of((int) number(row, "chainVersion", text)),
        hashed(row, text),
        text(row, "hash"));
  }

  /** The entry's hash, as the chain's writer computes it: linked to the previous entry's hash. */
  public String hash(String previousHash, ChainAlgorithm algorithm, ObjectNode row) {
    return algorithm.link(previousHash, hashed(row, false));
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
    return parse(name, text(row, name), "a UUID", text -> UUID.fromString(text).toString());
  }

  private static long number(ObjectNode row, String name, boolean text) {
    JsonNode value = field(row, name);
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    if (!text) {
      throw new IllegalArgumentException(name + " must be a JSON integer, not " + kindOf(value));
    }
    // Long.parseLong also reads "+5" and digits of other scripts ("５"): text the writer never
    // wrote.
    return parse(
        name,
        value.asString(),
        "an integer in ASCII digits",
        digits -> {
          if (!ASCII_INTEGER.matcher(digits).matches()) {
            throw new NumberFormatException(digits);
          }
          return Long.parseLong(digits);
        });
  }

  /** What kind of JSON value it is ({@code string}, {@code number}, …), not the value itself. */
  private static String kindOf(JsonNode value) {
    return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String instant(ObjectNode row, String name) {
    // Instant's own form (as the writer hashed it), whatever digits the file shows.
    return parse(
        name, text(row, name), "an ISO-8601 instant", text -> Instant.parse(text).toString());
  }

  private static JsonNode json(ObjectNode row, String name, boolean text) {
    JsonNode value = field(row, name);
    if (value.isObject() || value.isArray()) {
      return value;
    }
    if (!text) {
      throw new IllegalArgumentException(name + " must be a JSON object, not " + kindOf(value));
    }
    // A CSV cell holds the JSON as text.
    return parse(name, value.asString(), "JSON", ExportFiles.JSON::readTree);
  }

  /**
   * The field's text read by {@code parser}.
   *
   * @throws IllegalArgumentException saying what the field must be, when {@code parser} fails
   */
  private static <T> T parse(String name, String text, String what, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be " + what + ", was '" + text + "'");
    }
  }
}
