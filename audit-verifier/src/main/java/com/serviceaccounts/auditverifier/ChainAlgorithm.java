package com.serviceaccounts.auditverifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an entry's columns become the bytes its chain hash covers. Each entry records the version it
 * was hashed with ({@code chainVersion}), so entries hashed before a new version keep verifying.
 * Every version links the same way: {@code hash = hex(SHA-256(previous hash as 32 bytes ‖
 * canonical))}, with 32 zero bytes before the first entry.
 */
public enum ChainAlgorithm {

  /**
   * The first form: keys sorted at every depth (by UTF-16 code units), no white space, strings as
   * Jackson escapes them (control characters other than {@code \b \t \n \f \r} as six-character
   * escapes with upper-case hex digits).
   */
  V1(1) {
    @Override
    public String canonical(ObjectNode columns) {
      return sorted(columns).toString();
    }
  },

  /** RFC 8785, the JSON Canonicalization Scheme: any JCS library reproduces it. */
  V2(2) {
    @Override
    public String canonical(ObjectNode columns) {
      try {
        return new JsonCanonicalizer(columns.toString()).getEncodedString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** The version new entries are hashed with. */
  public static final ChainAlgorithm CURRENT = V2;

  /** What the first entry of a chain links to: 32 zero bytes. */
  public static final String GENESIS = "0".repeat(64);

  private final int version;

  ChainAlgorithm(int version) {
    this.version = version;
  }

  public int version() {
    return version;
  }

  /** The columns' canonical form, UTF-8 encoded when hashed. */
  public abstract String canonical(ObjectNode columns);

  /** The entry's link: {@code hex(SHA-256(previousHash as bytes ‖ canonical(columns)))}. */
  public String link(String previousHash, ObjectNode columns) {
    return link(previousHash, canonical(columns));
  }

  static String link(String previousHash, String canonical) {
    MessageDigest sha256 = sha256();
    sha256.update(HexFormat.of().parseHex(previousHash));
    sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * The algorithm of that version.
   *
   * @throws IllegalArgumentException naming the versions there are
   */
  public static ChainAlgorithm of(int version) {
    for (ChainAlgorithm algorithm : values()) {
      if (algorithm.version == version) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("chainVersion must be 1 or 2, was " + version);
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
