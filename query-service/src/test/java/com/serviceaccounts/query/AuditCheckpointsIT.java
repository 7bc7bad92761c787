package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.auditverifier.SigningKeys;
import com.serviceaccounts.auditverifier.VerifyCommand;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed checkpoints against someone who can write every table and knows the algorithm: a database
 * superuser rewrites the chain from an entry on recomputing every hash, deletes its tail, reorders
 * entries, forges a checkpoint. The service's own walk of the chain finds none of that; the
 * standalone verifier, given the export and the checkpoints kept from before, finds each.
 */
class AuditCheckpointsIT extends QueryServiceIntegrationTest {

  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

  @TempDir Path dir;

  private final Map<String, TestAccount> accounts = new HashMap<>();

  record Run(int exit, String out) {

    /** The verifier proved the chains, and said so with each of {@code texts}. */
    void assertProves(String... texts) {
      assertThat(exit).as(out).isZero();
      assertThat(out).contains(texts);
    }

    /** The verifier found a fault, and said so with each of {@code texts}. */
    void assertFails(String... texts) {
      assertThat(exit).as(out).isEqualTo(1);
      assertThat(out).contains(texts);
    }
  }

  @Test
  void anUntouchedTrailIsProvenFromTheBundleAloneAndItsCheckpointsAreOnTheirTopic()
      throws Exception {
    UUID company = companyWithEntries(5, 3);
    List<String> first = checkpointNow(company);
    addEntries(company, 5, 2);
    addSecurityEntries(company, 3, 1);
    List<String> second = checkpointNow(company);

    JsonNode latest = api.get("/companies/" + company + "/audit/checkpoints/latest").json();
    Run run = verifier(bundle(company, "bundle").toString());

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2);
    assertThat(Checkpoint.parse(second.get(0)).lastSequence()).isEqualTo(7);
    assertThat(Checkpoint.parse(second.get(1)).lastSequence()).isEqualTo(4);
    assertThat(latest).hasSize(2);
    for (JsonNode chain : latest) {
      assertThat(chain.get("verified").asBoolean()).as(chain.toString()).isTrue();
      assertThat(chain.get("number").asLong()).isEqualTo(2);
    }
    run.assertProves(
        "OK: audit chain (audit-entries.ndjson) of company " + company,
        "entries 1 to 7 intact, complete and in order up to signed checkpoint 2",
        "OK: security chain (security-entries.ndjson)",
        "entries 1 to 4 intact");
    try (DeadLetters topic =
        new DeadLetters(TestInfrastructure.get().kafkaBootstrapServers(), CHECKPOINT_TOPIC)) {
      List<String> published =
          eventually()
              .until(
                  () ->
                      topic.withKey(company.toString()).stream()
                          .map(ConsumerRecord::value)
                          .map(value -> new String(value, StandardCharsets.UTF_8))
                          .toList(),
                  values -> values.size() == 4);
      assertThat(published).containsExactlyInAnyOrder(concat(first, second));
    }
  }

  @Test
  void aCsvExportWithTheCheckpointsAndKeysFetchedOneByOneIsProvenToo() throws Exception {
    UUID company = companyWithEntries(4, 0);
    checkpointNow(company);
    String base = "/companies/" + company + "/audit";
    Path checkpoints = dir.resolve("checkpoints.ndjson");
    Files.writeString(checkpoints, api.get(base + "/checkpoints").body());
    Path keys = dir.resolve("keys.pem");
    Files.writeString(keys, publicKeys(company));
    Path csv = dir.resolve("audit.csv");
    try (InputStream in = api.stream(base + "/export?format=csv")) {
      Files.copy(in, csv);
    }

    Run run = verifier("--entries=" + csv, "--checkpoints=" + checkpoints, "--public-keys=" + keys);

    run.assertProves("OK: audit chain (audit.csv)", "entries 1 to 4");
  }

  @Test
  void aChainRewrittenFromAnEntryOnWithEveryHashRecomputedIsFoundAgainstAnEarlierCheckpoint()
      throws Exception {
    UUID company = companyWithEntries(7, 0);
    checkpointNow(company);
    Path kept = bundle(company, "kept");

    List<ObjectNode> rows = exportedAuditRows(company);
    rows.get(2).put("actor", "user:nobody@acme.example");
    rewrite(company, rows, 3);

    assertThat(api.get("/companies/" + company + "/audit/verify").json().get("status").asString())
        .as("the chain alone holds together")
        .isEqualTo("OK");
    assertNotVerified(company, "audit", "does not match signed checkpoint 1");
    Path now = bundle(company, "now");
    for (Path checkpoints : List.of(kept, now)) {
      Run run = verifyAudit(now, checkpoints);
      run.assertFails("BROKEN: audit chain", "at entry 7", "does not match signed checkpoint 1");
    }
  }

  @Test
  void aDeletedTailIsFoundAgainstTheNewestCheckpoint() throws Exception {
    UUID company = companyWithEntries(7, 0);
    checkpointNow(company);
    Path kept = bundle(company, "kept");

    jdbc.sql("DELETE FROM audit_entry WHERE company_id = ? AND company_sequence > 5")
        .param(company)
        .update();
    jdbc.sql(
            """
            UPDATE audit_chain_head SET company_sequence = 5,
                   hash = (SELECT hash FROM audit_entry WHERE company_id = ? AND company_sequence = 5)
             WHERE company_id = ?
            """)
        .params(company, company)
        .update();

    assertThat(api.get("/companies/" + company + "/audit/verify").json().get("status").asString())
        .isEqualTo("OK");
    Run run = verifyAudit(bundle(company, "now"), kept);
    run.assertFails(
        "at entry 6",
        "the entries end at entry 5 but signed checkpoint 1",
        "covers entries up to 7");
    assertNotVerified(company, "audit", "entry 6 is missing");
  }

  @Test
  void entriesReorderedWithEveryHashRecomputedAreFound() throws Exception {
    UUID company = companyWithEntries(6, 0);
    checkpointNow(company);
    Path kept = bundle(company, "kept");

    List<ObjectNode> rows = exportedAuditRows(company);
    // Entries 2 and 3 swap places: each takes the other's number, and every hash is recomputed.
    String second = rows.get(1).get("eventId").asString();
    String third = rows.get(2).get("eventId").asString();
    jdbc.sql("UPDATE audit_entry SET company_sequence = 1000 WHERE event_id = ?::uuid")
        .param(second)
        .update();
    jdbc.sql("UPDATE audit_entry SET company_sequence = 2 WHERE event_id = ?::uuid")
        .param(third)
        .update();
    jdbc.sql("UPDATE audit_entry SET company_sequence = 3 WHERE event_id = ?::uuid")
        .param(second)
        .update();
    rewrite(company, exportedAuditRows(company), 2);

    assertThat(api.get("/companies/" + company + "/audit/verify").json().get("status").asString())
        .isEqualTo("OK");
    Run run = verifyAudit(bundle(company, "now"), kept);
    run.assertFails("at entry 6", "does not match signed checkpoint 1");
  }

  @Test
  void aCheckpointForgedWithAnotherKeyIsRejected() throws Exception {
    UUID company = companyWithEntries(4, 0);
    Checkpoint genuine = Checkpoint.parse(checkpointNow(company).get(0));
    addEntries(company, 4, 2);
    List<ObjectNode> rows = exportedAuditRows(company);
    rows.get(4).put("actor", "user:nobody@acme.example");
    rewrite(company, rows, 5);
    // Whoever rewrote the entries signs the next checkpoint with a key of their own, under the
    // published key's id, and stores it where the service keeps its checkpoints.
    KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint forged =
        new Checkpoint(
                ChainKind.AUDIT,
                company,
                2,
                6,
                rows.get(5).get("hash").asString(),
                genuine.hash(),
                START.plusSeconds(86_400),
                genuine.keyId(),
                null)
            .signedWith(forger.getPrivate());
    jdbc.sql(
            """
            INSERT INTO audit_checkpoint (company_id, chain, number, last_sequence, last_hash,
                                          created_at, signed, published)
            VALUES (?, 'audit', 2, 6, ?, now(), ?, true)
            """)
        .params(company, forged.lastHash(), forged.toJson())
        .update();

    Run run = verifier(bundle(company, "now").toString());

    run.assertFails(
        "checkpoint 2 of the audit chain of company " + company + " is not genuine",
        "it is forged");
    assertNotVerified(company, "audit", "it is forged");
    assertThat(genuine.keyId())
        .isEqualTo(SigningKeys.keyId(SigningKeys.parse(publicKeys(company)).get(0)));
  }

  @Test
  void theNewestCheckpointsStatusReadsTheChainFromItOnAndFindsAnEntryChangedAfterIt()
      throws Exception {
    UUID company = companyWithEntries(5, 0);
    checkpointNow(company);
    addEntries(company, 5, 2);
    checkpointNow(company);
    addEntries(company, 7, 3);
    // Entries well before the newest checkpoint (7) are gone: only a walk of the whole chain
    // would read that far back.
    jdbc.sql("DELETE FROM audit_entry WHERE company_id = ? AND company_sequence < 6")
        .param(company)
        .update();

    JsonNode fromTheCheckpoint = latest(company, "audit");
    String wholeChain =
        api.get("/companies/" + company + "/audit/verify").json().get("status").asString();
    jdbc.sql(
            "UPDATE audit_entry SET actor = 'user:nobody@acme.example' WHERE company_id = ? AND company_sequence = 9")
        .param(company)
        .update();

    assertThat(wholeChain).as("the whole chain's walk reads entry 1").isNotEqualTo("OK");
    assertThat(fromTheCheckpoint.get("verified").asBoolean())
        .as(fromTheCheckpoint.toString())
        .isTrue();
    assertThat(fromTheCheckpoint.get("number").asLong()).isEqualTo(2);
    assertThat(fromTheCheckpoint.get("detail").asString())
        .isEqualTo(
            "entry 7 still has the hash it signed, and the 3 entries after it (8 to 10) link to it");
    assertNotVerified(company, "audit", "entry 9: the entry's hash does not match");
  }

  @Test
  void theCheckpointerSignsNothingOverEntriesChangedSinceTheLastCheckpoint() throws Exception {
    UUID company = companyWithEntries(3, 0);
    checkpointNow(company);
    addEntries(company, 3, 2);
    jdbc.sql(
            "UPDATE audit_entry SET actor = 'user:nobody@acme.example' WHERE company_id = ? AND company_sequence = 4")
        .param(company)
        .update();

    QueryApi.Response refused = api.post("/companies/" + company + "/audit/checkpoints");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().get("type").asString())
        .isEqualTo("urn:service-accounts:problem:audit-chain-broken");
    assertThat(refused.json().get("code").asString()).isEqualTo("audit-chain-broken");
    assertThat(refused.json().get("detail").asString())
        .contains("the audit chain does not verify from checkpoint 1 on")
        .contains("entry 4");
  }

  @Test
  void theSecurityEntriesChainGetsTheSame() throws Exception {
    UUID company = companyWithEntries(1, 6);
    checkpointNow(company);
    Path kept = bundle(company, "kept");

    List<ObjectNode> rows = securityRows(company);
    rows.get(1).put("reason", "nothing happened");
    String previous = ChainAlgorithm.GENESIS;
    for (ObjectNode row : rows) {
      previous =
          ChainKind.SECURITY.hash(
              previous, ChainAlgorithm.of(row.get("chainVersion").asInt()), row);
      jdbc.sql("UPDATE security_entry SET reason = ?, hash = ? WHERE entry_id = ?::uuid")
          .params(row.get("reason").asString(), previous, row.get("entryId").asString())
          .update();
    }
    jdbc.sql("UPDATE security_chain_head SET hash = ? WHERE company_id = ?")
        .params(previous, company)
        .update();
    Path rewritten = bundle(company, "rewritten");
    Run rewrite = verifySecurity(rewritten, kept);
    assertNotVerified(company, "security", "does not match signed checkpoint 1");

    jdbc.sql("DELETE FROM security_entry WHERE company_id = ? AND position > 4")
        .param(company)
        .update();
    Run tail = verifySecurity(bundle(company, "tail"), kept);

    assertThat(
            api.get("/companies/" + company + "/audit/security-entries/verify")
                .json()
                .get("status")
                .asString())
        .isEqualTo("OK");
    rewrite.assertFails(
        "BROKEN: security chain", "at entry 6", "does not match signed checkpoint 1");
    tail.assertFails("the entries end at entry 4");
  }

  private UUID companyWithEntries(int audit, int security) throws Exception {
    UUID company = UUID.randomUUID();
    addEntries(company, 0, audit);
    addSecurityEntries(company, 0, security);
    return company;
  }

  /** Entries {@code after + 1} to {@code after + count}: an account's creation, then renames. */
  private void addEntries(UUID company, int after, int count) {
    TestAccount account =
        after == 0 ? TestAccount.inCompany(company) : accounts.get(company.toString());
    for (int i = after + 1; i <= after + count; i++) {
      TestAccount at = account.at(START.plusSeconds(60L * i));
      feed.publish(i == 1 ? at.created("Name 1") : at.renamed("Name " + (i - 1), "Name " + i));
    }
    accounts.put(company.toString(), account);
    eventually()
        .until(
            () -> api.companyAudit(company, "count=true").json().get("totalItems").asLong(),
            total -> total == after + count);
  }

  private void addSecurityEntries(UUID company, int after, int count) throws Exception {
    if (count == 0) {
      return;
    }
    try (EventFeed security =
        new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), SECURITY_TOPIC)) {
      for (int i = after + 1; i <= after + count; i++) {
        SecurityEntry entry =
            new SecurityEntry(
                UUID.randomUUID(),
                company,
                null,
                "token-service",
                "POST /oauth2/token",
                401,
                "refused " + i,
                "anonymous",
                "anonymous",
                "corr-" + i,
                START.plusSeconds(i));
        security.publishRaw(company.toString(), EventJson.newMapper().writeValueAsBytes(entry));
      }
    }
    eventually()
        .until(
            () ->
                api.get("/companies/" + company + "/audit/security-entries?limit=500")
                    .json()
                    .get("items")
                    .size(),
            size -> size == after + count);
  }

  @Test
  void aCheckpointRequestThatAcceptsNoJsonIsRefusedBeforeAnythingIsSigned() throws Exception {
    UUID company = companyWithEntries(3, 0);

    for (String accept : List.of("application/xml", "application/yaml", "text/csv")) {
      QueryApi.Response refused =
          api.postAccepting("/companies/" + company + "/audit/checkpoints", accept);

      assertThat(refused.status()).as(accept).isEqualTo(406);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }
    assertThat(api.get("/companies/" + company + "/audit/checkpoints").body()).isEmpty();
  }

  private List<String> checkpointNow(UUID company) {
    QueryApi.Response response = api.post("/companies/" + company + "/audit/checkpoints");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> made = new ArrayList<>();
    response.json().forEach(node -> made.add(node.toString()));
    return made;
  }

  private String publicKeys(UUID company) {
    return api.get("/companies/" + company + "/audit/checkpoint-keys").body();
  }

  /** The company's export bundle, unzipped into a directory of that name. */
  private Path bundle(UUID company, String name) throws IOException {
    Path target = Files.createDirectories(dir.resolve(name));
    try (InputStream in = api.stream("/companies/" + company + "/audit/bundle");
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Files.copy(zip, target.resolve(entry.getName()));
      }
    }
    return target;
  }

  private List<ObjectNode> exportedAuditRows(UUID company) throws IOException {
    return rows(bundle(company, "rows-" + UUID.randomUUID()).resolve("audit-entries.ndjson"));
  }

  private List<ObjectNode> securityRows(UUID company) throws IOException {
    return rows(bundle(company, "rows-" + UUID.randomUUID()).resolve("security-entries.ndjson"));
  }

  private static List<ObjectNode> rows(Path file) throws IOException {
    List<ObjectNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add((ObjectNode) QueryApi.json(line));
    }
    return rows;
  }

  /**
   * What a superuser who knows the algorithm does: stores the rows' actors and recomputes every
   * hash from entry {@code from} on, and the head, so that the chain holds together again.
   */
  private void rewrite(UUID company, List<ObjectNode> rows, int from) {
    String previous =
        from == 1 ? ChainAlgorithm.GENESIS : rows.get(from - 2).get("hash").asString();
    for (ObjectNode row : rows.subList(from - 1, rows.size())) {
      previous =
          ChainKind.AUDIT.hash(previous, ChainAlgorithm.of(row.get("chainVersion").asInt()), row);
      row.put("hash", previous);
      jdbc.sql(
              "UPDATE audit_entry SET actor = ?, hash = ? WHERE company_id = ? AND company_sequence = ?")
          .params(
              row.get("actor").asString(), previous, company, row.get("companySequence").asLong())
          .update();
    }
    jdbc.sql("UPDATE audit_chain_head SET hash = ? WHERE company_id = ?")
        .params(previous, company)
        .update();
  }

  private void assertNotVerified(UUID company, String chain, String detail) {
    JsonNode status = latest(company, chain);
    assertThat(status.get("verified").asBoolean()).as(status.toString()).isFalse();
    assertThat(status.get("detail").asString()).contains(detail);
  }

  /** The chain's entry in {@code GET …/audit/checkpoints/latest}. */
  private JsonNode latest(UUID company, String chain) {
    JsonNode status = null;
    for (JsonNode each : api.get("/companies/" + company + "/audit/checkpoints/latest").json()) {
      if (each.get("chain").asString().equals(chain)) {
        status = each;
      }
    }
    assertThat(status).as("the %s chain's status", chain).isNotNull();
    return status;
  }

  private Run verifyAudit(Path bundle, Path checkpointsFrom) {
    return verifier(
        "--entries=" + bundle.resolve("audit-entries.ndjson"),
        "--checkpoints=" + checkpointsFrom.resolve("checkpoints.ndjson"),
        "--public-keys=" + checkpointsFrom.resolve("public-keys.pem"));
  }

  private Run verifySecurity(Path bundle, Path checkpointsFrom) {
    return verifier(
        "--chain=security",
        "--entries=" + bundle.resolve("security-entries.ndjson"),
        "--checkpoints=" + checkpointsFrom.resolve("checkpoints.ndjson"),
        "--public-keys=" + checkpointsFrom.resolve("public-keys.pem"));
  }

  /** The standalone verifier's main, on files only. */
  private static Run verifier(String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new VerifyCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(out));
    int exit = command.execute(args);
    return new Run(exit, out.toString());
  }

  private static String[] concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all.toArray(String[]::new);
  }
}
