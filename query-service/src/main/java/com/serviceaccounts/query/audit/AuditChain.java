package com.serviceaccounts.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash chain of a company's audit trail: entry n's hash is {@code SHA-256(hash of entry n-1 ‖
 * canonical(entry n))}, hex-encoded, with 32 zero bytes before entry 1. Changing, removing or
 * reordering any entry changes every hash from there on.
 *
 * <p>The canonical form of an entry is a JSON object of all its columns but the hash, keys sorted,
 * no white space, UTF-8: {@code accountId}, {@code accountVersion}, {@code actor}, {@code
 * actorType}, {@code changes} (its keys sorted too, at every depth), {@code companyId}, {@code
 * companySequence}, {@code correlationId}, {@code eventId}, {@code eventType}, {@code occurredAt}
 * (ISO-8601 UTC, as stored, to the microsecond). Ids are lower-case UUIDs, numbers plain integers.
 */
public final class AuditChain {

  /** What entry 1 chains to. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  static String hash(String previousHash, AuditEntryView entry) {
    return link(previousHash, canonical(entry));
  }

  /**
   * The hash of a chain link: {@code SHA-256(previous hash ‖ canonical)}, hex. Other chains (the
   * security entries') link their own canonical forms with it.
   */
  public static String link(String previousHash, String canonical) {
    MessageDigest sha256 = sha256();
    sha256.update(HexFormat.of().parseHex(previousHash));
    sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** The object as canonical JSON: keys sorted at every depth, no white space. */
  public static String canonical(ObjectNode columns) {
    return sorted(columns).toString();
  }

  static String canonical(AuditEntryView entry) {
    // Put in sorted order (the node keeps it), so only the changes need sorting.
    ObjectNode columns = JsonNodeFactory.instance.objectNode();
    columns.put("accountId", entry.accountId().toString());
    columns.put("accountVersion", entry.version());
    columns.put("actor", entry.actor());
    columns.put("actorType", entry.actorType());
    columns.set("changes", sorted(entry.changes()));
    columns.put("companyId", entry.companyId().toString());
    columns.put("companySequence", entry.companySequence());
    columns.put("correlationId", entry.correlationId());
    columns.put("eventId", entry.eventId().toString());
    columns.put("eventType", entry.type());
    columns.put("occurredAt", entry.occurredAt().toString());
    return columns.toString();
  }

  /** A copy with every object's keys in sorted order (arrays keep theirs). */
  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> members = new TreeMap<>();
      for (var member : node.properties()) {
        members.put(member.getKey(), sorted(member.getValue()));
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      members.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> elements = node.iterator(); elements.hasNext(); ) {
        copy.add(sorted(elements.next()));
      }
      return copy;
    }
    return node;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
