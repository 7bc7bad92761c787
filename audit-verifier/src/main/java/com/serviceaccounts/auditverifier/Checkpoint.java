package com.serviceaccounts.auditverifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
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
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    // As written: padded standard base64 (the decoder also takes it without its padding).
    return Base64.getEncoder().encodeToString(signed).equals(signature)
        && SigningKeys.verify(key, body(), signed);
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
    // What the signature covers, and the signature: a field besides them, or one of another JSON
    // type, is in no checkpoint the service signs (the documented procedure with openssl, which
    // verifies the line as it stands, refuses it too).
    for (String name : node.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("a checkpoint has no field " + name);
      }
    }
    if (whole(node, "format") != FORMAT) {
      throw new IllegalArgumentException(
          "checkpoint format must be " + FORMAT + ", was " + node.path("format"));
    }
    try {
      return new Checkpoint(
          ChainKind.byLabel(text(node, "chain")),
          UUID.fromString(text(node, "companyId")),
          whole(node, "number"),
          whole(node, "lastSequence"),
          text(node, "lastHash"),
          text(node, "previousCheckpointHash"),
          Instant.parse(text(node, "createdAt")),
          text(node, "keyId"),
          text(node, "signature"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
    }
  }

  /** The fields of a signed checkpoint. */
  private static final Set<String> FIELDS =
      Set.of(
          "chain",
          "companyId",
          "createdAt",
          "format",
          "keyId",
          "lastHash",
          "lastSequence",
          "number",
          "previousCheckpointHash",
          "signature");

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the checkpoint has no " + name);
    }
    if (!value.isString()) {
      throw new IllegalArgumentException("the checkpoint's " + name + " must be a string");
    }
    return value.asString();
  }

  private static long whole(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the checkpoint has no " + name);
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException("the checkpoint's " + name + " must be a whole number");
    }
    return value.asLong();
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
