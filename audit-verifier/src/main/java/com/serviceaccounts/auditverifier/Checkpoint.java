package com.serviceaccounts.auditverifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A signed statement that a company's chain reached entry {@code lastSequence} with hash {@code
 * lastHash}. A company's checkpoints of one chain are numbered 1, 2, ... and chained: each holds
 * the previous one's hash ({@link #hash()}; 64 zeros before number 1).
 *
 * <p>The body is every field but {@code signature}, with {@code "format":1}, in RFC 8785 canonical
 * form; the checkpoint's hash is the hex SHA-256 of the body's UTF-8 bytes, its signature the
 * base64 Ed25519 signature of the same bytes by the key {@code keyId} names ({@link SigningKeys}):
 * a checkpoint is made with a {@code null} signature and then {@link #signedWith signed}.
 */
public record Checkpoint(
    ChainKind chain,
    UUID companyId,
    long number,
    long lastSequence,
    String lastHash,
    String previousCheckpointHash,
    Instant createdAt,
    String keyId,
    String signature) {

  public static final int FORMAT = 1;

  /** This checkpoint signed with {@code key}, the private half of the key {@code keyId} names. */
  public Checkpoint signedWith(PrivateKey key) {
    String signed = Base64.getEncoder().encodeToString(SigningKeys.sign(key, body()));
    return new Checkpoint(
        chain,
        companyId,
        number,
        lastSequence,
        lastHash,
        previousCheckpointHash,
        createdAt,
        keyId,
        signed);
  }

  /** The canonical body, UTF-8: what is hashed and signed. */
  public byte[] body() {
    return canonical(fields()).getBytes(StandardCharsets.UTF_8);
  }

  /** The hex SHA-256 of {@link #body()}: what the next checkpoint chains to. */
  public String hash() {
    return ChainAlgorithm.sha256Hex(body());
  }

  public boolean signedBy(PublicKey key) {
    if (signature == null) {
      return false;
    }
    try {
      return SigningKeys.verify(key, body(), Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** The signed checkpoint as one line of canonical JSON: an NDJSON line, a Kafka record. */
  public String toJson() {
    ObjectNode all = fields();
    all.put("signature", signature);
    return canonical(all);
  }

  /**
   * The checkpoint a line of {@link #toJson()} holds.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static Checkpoint parse(String json) {
    JsonNode node;
    try {
      node = ExportFiles.JSON.readTree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("a checkpoint must be a JSON object: " + e.getMessage());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("a checkpoint must be a JSON object");
    }
    if (node.path("format").asInt(0) != FORMAT) {
      throw new IllegalArgumentException(
          "checkpoint format must be " + FORMAT + ", was " + node.path("format"));
    }
    try {
      return new Checkpoint(
          ChainKind.byLabel(required(node, "chain")),
          UUID.fromString(required(node, "companyId")),
          Long.parseLong(required(node, "number")),
          Long.parseLong(required(node, "lastSequence")),
          required(node, "lastHash"),
          required(node, "previousCheckpointHash"),
          Instant.parse(required(node, "createdAt")),
          required(node, "keyId"),
          required(node, "signature"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
    }
  }

  private static String required(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the checkpoint has no " + name);
    }
    return value.asString();
  }

  private ObjectNode fields() {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("chain", chain.label());
    fields.put("companyId", companyId.toString());
    fields.put("createdAt", createdAt.toString());
    fields.put("format", FORMAT);
    fields.put("keyId", keyId);
    fields.put("lastHash", lastHash);
    fields.put("lastSequence", lastSequence);
    fields.put("number", number);
    fields.put("previousCheckpointHash", previousCheckpointHash);
    return fields;
  }

  private static String canonical(ObjectNode node) {
    try {
      return new JsonCanonicalizer(node.toString()).getEncodedString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
