package com.serviceaccounts.auditverifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** Chains, checkpoints and keys written as a service would export them, for the tests. */
final class TestChains {

  static final Instant START = Instant.parse("2026-11-28T10:00:00.123456Z");

  final UUID company = UUID.randomUUID();
  final KeyPair key = newKey();

  static KeyPair newKey() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Audit rows 1..n, hashed with the version given for each (all V2 when none). */
  List<ObjectNode> audit(int n, ChainAlgorithm... versions) {
    List<ObjectNode> rows = new ArrayList<>();
    UUID account = UUID.randomUUID();
    for (int i = 1; i <= n; i++) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("companySequence", i);
      row.put("eventId", UUID.randomUUID().toString());
      row.put("occurredAt", START.plusSeconds(i).toString());
      row.put("accountId", account.toString());
      row.put("version", i);
      row.put("type", i == 1 ? "ServiceAccountCreated" : "ServiceAccountEdited");
      row.put("actor", "user:admin@acme.example");
      row.put("actorType", "user");
      row.put("correlationId", "req-" + i);
      ObjectNode name = row.putObject("changes").putObject("name");
      name.put("before", "name " + (i - 1) + ", \"quoted\"\n");
      name.put("after", "name " + i + " é");
      row.put("companyId", company.toString());
      row.put(
          "chainVersion", (versions.length >= i ? versions[i - 1] : ChainAlgorithm.V2).version());
      rows.add(row);
    }
    return rehash(ChainKind.AUDIT, rows);
  }

  List<ObjectNode> security(int n) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("entryId", UUID.randomUUID().toString());
      row.put("companyId", company.toString());
      row.put("position", i);
      row.put("accountId", i % 2 == 0 ? null : UUID.randomUUID().toString());
      row.put("source", "command-service");
      row.put("operation", "PATCH /companies/{id}/service-accounts/{id}");
      row.put("status", 403);
      row.put("reason", "refused " + i);
      row.put("actor", "user:mallory@acme.example");
      row.put("actorType", "user");
      row.putNull("correlationId");
      row.put("occurredAt", START.plusSeconds(i).toString());
      row.put("chainVersion", 2);
      rows.add(row);
    }
    return rehash(ChainKind.SECURITY, rows);
  }

  /** Recomputes every hash in the rows' order, as someone who can write the tables would. */
  static List<ObjectNode> rehash(ChainKind kind, List<ObjectNode> rows) {
    String previous = ChainAlgorithm.GENESIS;
    for (ObjectNode row : rows) {
      ChainAlgorithm algorithm =
          row.has("chainVersion")
              ? ChainAlgorithm.of(row.get("chainVersion").asInt())
              : ChainAlgorithm.V1;
      previous = kind.hash(previous, algorithm, row);
      row.put("hash", previous);
    }
    return rows;
  }

  /** Checkpoints after each of the given entries, signed with {@link #key}. */
  List<Checkpoint> checkpoints(ChainKind kind, List<ObjectNode> rows, int... upTo) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    String previous = ChainAlgorithm.GENESIS;
    for (int i = 0; i < upTo.length; i++) {
      Checkpoint checkpoint =
          new Checkpoint(
                  kind,
                  company,
                  i + 1,
                  upTo[i],
                  rows.get(upTo[i] - 1).get("hash").asString(),
                  previous,
                  START.plusSeconds(3600L * (i + 1)),
                  SigningKeys.keyId(key.getPublic()),
                  null)
              .signedWith(key.getPrivate());
      checkpoints.add(checkpoint);
      previous = checkpoint.hash();
    }
    return checkpoints;
  }

  static Path ndjson(Path file, List<ObjectNode> rows) throws IOException {
    return lines(file, rows.stream().map(ObjectNode::toString));
  }

  static Path csv(Path file, List<ObjectNode> rows) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    rows.get(0).propertyNames().forEach(schema::addColumn);
    List<ObjectNode> flat = new ArrayList<>();
    for (ObjectNode row : rows) {
      ObjectNode copy = row.deepCopy();
      copy.put("changes", row.get("changes").toString());
      flat.add(copy);
    }
    CsvMapper.builder().build().writer(schema.build()).writeValues(file.toFile()).writeAll(flat);
    return file;
  }

  static Path checkpointFile(Path file, List<Checkpoint> checkpoints) throws IOException {
    return lines(file, checkpoints.stream().map(Checkpoint::toJson));
  }

  /** One JSON document a line (NDJSON), each ended by a line feed. */
  private static Path lines(Path file, Stream<String> documents) throws IOException {
    return Files.writeString(
        file, documents.collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
  }

  Path keyFile(Path file) throws IOException {
    return Files.writeString(file, SigningKeys.pem(key.getPublic()), StandardCharsets.UTF_8);
  }
}
