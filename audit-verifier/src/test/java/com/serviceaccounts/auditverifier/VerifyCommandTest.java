package com.serviceaccounts.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verifier on exported files alone: an intact export is proven up to its newest checkpoint, and
 * every way of altering it that keeps the hashes consistent is still found.
 */
class VerifyCommandTest {

  @TempDir Path dir;

  private final TestChains chains = new TestChains();

  record Run(int exit, String out) {

    /** The verifier found a fault and said so with each of {@code texts}. */
    void assertFails(String... texts) {
      assertThat(exit).as(out).isEqualTo(1);
      assertThat(out).contains(texts);
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new VerifyCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Run(exit, out + err.toString());
  }

  private Run verify(ChainKind kind, Path entries, List<Checkpoint> checkpoints) throws Exception {
    return run(
        "--chain=" + kind.label(),
        "--entries=" + entries,
        "--checkpoints="
            + TestChains.checkpointFile(dir.resolve("checkpoints.ndjson"), checkpoints),
        "--public-keys=" + chains.keyFile(dir.resolve("keys.pem")));
  }

  @Test
  void anIntactExportIsProvenUpToItsNewestCheckpointAsNdjsonAndAsCsv() throws Exception {
    List<ObjectNode> rows = chains.audit(9);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5, 8);

    Run ndjson =
        verify(ChainKind.AUDIT, TestChains.ndjson(dir.resolve("a.ndjson"), rows), checkpoints);
    Run csv = verify(ChainKind.AUDIT, TestChains.csv(dir.resolve("a.csv"), rows), checkpoints);

    for (Run run : List.of(ndjson, csv)) {
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out())
          .contains("OK: audit chain")
          .contains("entries 1 to 8 intact, complete and in order up to signed checkpoint 2")
          .contains("1 newer entries chain correctly but no checkpoint covers them yet");
    }
  }

  @Test
  void entriesHashedWithTheFirstAlgorithmKeepVerifyingBesideNewOnes() throws Exception {
    List<ObjectNode> rows =
        chains.audit(4, ChainAlgorithm.V1, ChainAlgorithm.V1, ChainAlgorithm.V2);
    // An export written before entries carried their version: all of it is the first algorithm.
    List<ObjectNode> old = chains.audit(3, ChainAlgorithm.V1, ChainAlgorithm.V1, ChainAlgorithm.V1);
    old.forEach(row -> row.remove("chainVersion"));
    TestChains.rehash(ChainKind.AUDIT, old);

    Run mixed =
        verify(
            ChainKind.AUDIT,
            TestChains.ndjson(dir.resolve("mixed.ndjson"), rows),
            chains.checkpoints(ChainKind.AUDIT, rows, 4));
    Run before =
        verify(
            ChainKind.AUDIT,
            TestChains.csv(dir.resolve("old.csv"), old),
            chains.checkpoints(ChainKind.AUDIT, old, 3));

    assertThat(mixed.exit()).as(mixed.out()).isZero();
    assertThat(before.exit()).as(before.out()).isZero();
  }

  @Test
  void aChainRewrittenFromAnEntryOnWithEveryHashRecomputedIsFoundAtTheFirstCheckpointAfterIt()
      throws Exception {
    List<ObjectNode> rows = chains.audit(8);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 2, 5, 8);
    rows.get(2).put("actor", "user:nobody@acme.example");
    TestChains.rehash(ChainKind.AUDIT, rows);

    Run run =
        verify(ChainKind.AUDIT, TestChains.ndjson(dir.resolve("a.ndjson"), rows), checkpoints);

    run.assertFails("BROKEN: audit chain", "at entry 5", "does not match signed checkpoint 2");
  }

  @Test
  void aDeletedTailIsFoundAgainstTheNewestCheckpoint() throws Exception {
    List<ObjectNode> rows = chains.audit(8);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5, 8);

    Run run =
        verify(
            ChainKind.AUDIT,
            TestChains.ndjson(dir.resolve("a.ndjson"), rows.subList(0, 6)),
            checkpoints);

    run.assertFails(
        "at entry 7",
        "the entries end at entry 6 but signed checkpoint 2",
        "covers entries up to 8");
  }

  @Test
  void reorderedEntriesAreFoundAsTheyStandAndWhenRenumberedAndRehashed() throws Exception {
    List<ObjectNode> rows = chains.audit(6);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 6);
    List<ObjectNode> swapped = new ArrayList<>(rows);
    swapped.set(1, rows.get(2));
    swapped.set(2, rows.get(1));

    Run asTheyStand =
        verify(ChainKind.AUDIT, TestChains.ndjson(dir.resolve("s.ndjson"), swapped), checkpoints);
    List<ObjectNode> renumbered = new ArrayList<>();
    for (int i = 0; i < swapped.size(); i++) {
      renumbered.add(swapped.get(i).deepCopy().put("companySequence", i + 1));
    }
    TestChains.rehash(ChainKind.AUDIT, renumbered);
    Run rehashed =
        verify(
            ChainKind.AUDIT, TestChains.ndjson(dir.resolve("r.ndjson"), renumbered), checkpoints);

    asTheyStand.assertFails("at entry 2", "entry 2 is missing");
    rehashed.assertFails("at entry 6", "does not match signed checkpoint 1");
  }

  @Test
  void aChangedEntryWhoseHashWasLeftIsFoundAtThatEntry() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    ((ObjectNode) rows.get(3).get("changes").get("name")).put("after", "forged");

    Run run = verify(ChainKind.AUDIT, TestChains.csv(dir.resolve("a.csv"), rows), checkpoints);

    run.assertFails("at entry 4", "the entry was changed or moved");
  }

  @Test
  void aFieldNamedTwiceOrOneTheHashDoesNotCoverIsNotTakenForAnIntactEntry() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    List<String> lines = new ArrayList<>(rows.stream().map(ObjectNode::toString).toList());
    String actor = "\"actor\":\"" + rows.get(3).get("actor").asString() + "\"";
    String changes = "\"changes\":{";

    // A reader that takes a field's first value would see the forged one; the hash covers the last.
    Run forgedFirst =
        verify(
            ChainKind.AUDIT,
            lines(lines, 3, line -> line.replace(actor, "\"actor\":\"user:mallory\"," + actor)),
            checkpoints);
    Run forgedInChanges =
        verify(
            ChainKind.AUDIT,
            lines(
                lines,
                3,
                line -> line.replace(changes, changes + "\"name\":{\"after\":\"evil\"},")),
            checkpoints);
    Run unknownField =
        verify(
            ChainKind.AUDIT,
            lines(lines, 3, line -> line.replace("{", "{\"note\":\"approved by the CFO\",")),
            checkpoints);

    for (Run run : List.of(forgedFirst, forgedInChanges)) {
      assertThat(run.exit()).as(run.out()).isNotZero();
      assertThat(run.out()).contains("Duplicate");
    }
    assertThat(unknownField.exit()).as(unknownField.out()).isNotZero();
    assertThat(unknownField.out()).contains("a field note that no export writes");
  }

  @Test
  void aLineLongerThanAnyEntryIsReportedNotReadIntoMemory() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    List<String> lines = new ArrayList<>(rows.stream().map(ObjectNode::toString).toList());
    String padding = "x".repeat(BoundedLines.MAX_LINE_BYTES);

    Run run =
        verify(
            ChainKind.AUDIT,
            lines(lines, 3, line -> line.replace("{", "{\"note\":\"" + padding + "\",")),
            checkpoints);

    run.assertFails("BROKEN", "a line is over 1 MiB, which no line of an export is");
    // A CSV cell may span lines: its text is bounded the same.
    rows.get(3).put("actor", ("user:" + "x".repeat(99) + "\n").repeat(11_000));
    Run csv = verify(ChainKind.AUDIT, TestChains.csv(dir.resolve("long.csv"), rows), checkpoints);
    csv.assertFails("BROKEN", "an entry cannot be read", "exceeds the maximum allowed (1048576");
  }

  @Test
  void aCheckpointLineLongerThanTheBoundMakesTheCheckpointsUnreadable() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    String checkpoint = chains.checkpoints(ChainKind.AUDIT, rows, 5).get(0).toJson();
    // JSON whitespace: the line is still the signed checkpoint, 1.1 MiB long.
    String padded =
        checkpoint.replace(",", "," + " ".repeat(BoundedLines.MAX_LINE_BYTES / 10 * 11));

    Run run =
        run(
            "--entries=" + TestChains.ndjson(dir.resolve("a.ndjson"), rows),
            "--checkpoints=" + Files.writeString(dir.resolve("long.ndjson"), padded + "\n"),
            "--public-keys=" + chains.keyFile(dir.resolve("keys.pem")));

    assertThat(run.exit()).as(run.out()).isEqualTo(2);
    assertThat(run.out())
        .contains("long.ndjson: a line is over 1 MiB, which no line of an export is")
        .contains("Usage: audit-verifier");
  }

  @Test
  void aByteOrderMarkBeforeTheEntriesOrTheCheckpointsIsReadAlike() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 3, 5);
    Path ndjson = TestChains.ndjson(dir.resolve("a.ndjson"), rows);
    Path csv = TestChains.csv(dir.resolve("a.csv"), rows);
    Path signed = TestChains.checkpointFile(dir.resolve("checkpoints.ndjson"), checkpoints);
    String keys = "--public-keys=" + chains.keyFile(dir.resolve("keys.pem"));

    List<Run> runs =
        List.of(
            run("--entries=" + withBom(ndjson), "--checkpoints=" + signed, keys),
            run("--entries=" + ndjson, "--checkpoints=" + withBom(signed), keys),
            run("--entries=" + withBom(csv), "--checkpoints=" + withBom(signed), keys));

    for (Run run : runs) {
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("entries 1 to 5 intact, complete and in order");
    }
  }

  /** A copy of the file that begins with a UTF-8 byte order mark, as some editors save it. */
  private Path withBom(Path file) throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path copy = dir.resolve("bom-" + file.getFileName());
    Files.write(copy, bom);
    Files.write(copy, Files.readAllBytes(file), StandardOpenOption.APPEND);
    return copy;
  }

  @Test
  void aNumberWrittenOtherwiseThanInAsciiDigitsIsNotTakenForTheNumberItMeans() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    List<String> lines = Files.readAllLines(TestChains.csv(dir.resolve("a.csv"), rows));
    int sequence = List.of(lines.get(0).split(",")).indexOf("companySequence");

    // " 4" first in its line, too: Jackson's skipping of blank lines took it for "4".
    assertThat(sequence).isZero();
    for (String written : List.of("\uFF14", "+4", "04 ", "\u0664", " 4")) {
      List<String> altered = new ArrayList<>(lines);
      List<String> cells = new ArrayList<>(List.of(altered.get(4).split(",", -1)));
      assertThat(cells.get(sequence)).isEqualTo("4");
      cells.set(sequence, written);
      altered.set(4, String.join(",", cells));

      Run run = verify(ChainKind.AUDIT, Files.write(dir.resolve("n.csv"), altered), checkpoints);

      run.assertFails("companySequence must be an integer in ASCII digits");
    }
  }

  /** A column's name is read as written: " actor" names no column an export writes. */
  @Test
  void aColumnNameWithSpaceAroundItIsNotTakenForTheName() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    String csv = Files.readString(TestChains.csv(dir.resolve("a.csv"), rows));
    assertThat(csv).contains(",actor,");

    Run run =
        verify(
            ChainKind.AUDIT,
            Files.writeString(dir.resolve("h.csv"), csv.replaceFirst(",actor,", ", actor,")),
            checkpoints);

    run.assertFails("BROKEN", "the entry has a field  actor that no export writes");
  }

  /** The signature as the service writes it, padded base64; the decoder alone takes it unpadded. */
  @Test
  void aSignatureWithoutItsBase64PaddingIsNotGenuine() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    String checkpoint = chains.checkpoints(ChainKind.AUDIT, rows, 5).get(0).toJson();
    assertThat(checkpoint).contains("==\"");

    Run run =
        run(
            "--entries=" + TestChains.ndjson(dir.resolve("a.ndjson"), rows),
            "--checkpoints="
                + Files.writeString(dir.resolve("c.ndjson"), checkpoint.replace("==\"", "\"")),
            "--public-keys=" + chains.keyFile(dir.resolve("keys.pem")));

    run.assertFails("BROKEN", "is not genuine");
  }

  @Test
  void aFileThatIsNotStrictUtf8IsNotTakenForTheTextItSpells() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    for (String name : List.of("a.ndjson", "a.csv")) {
      Path file =
          name.endsWith(".csv")
              ? TestChains.csv(dir.resolve(name), rows)
              : TestChains.ndjson(dir.resolve(name), rows);
      String text = Files.readString(file);
      // ':' of the actor's "user:" as the overlong 0xC0 0xBA, which other readers do not see as
      // ':'.
      byte[] overlong = text.replaceFirst("user:", "user\u0000").getBytes(StandardCharsets.UTF_8);
      int at = indexOf(overlong, (byte) 0);
      byte[] altered = new byte[overlong.length + 1];
      System.arraycopy(overlong, 0, altered, 0, at);
      altered[at] = (byte) 0xC0;
      altered[at + 1] = (byte) 0xBA;
      System.arraycopy(overlong, at + 1, altered, at + 2, overlong.length - at - 1);

      Run overlongRun =
          verify(ChainKind.AUDIT, Files.write(dir.resolve("o-" + name), altered), checkpoints);
      Run utf16 =
          verify(
              ChainKind.AUDIT,
              Files.write(dir.resolve("u-" + name), text.getBytes(StandardCharsets.UTF_16)),
              checkpoints);

      for (Run run : List.of(overlongRun, utf16)) {
        run.assertFails("BROKEN", "an entry cannot be read");
      }
      // The overlong bytes stand in the first entry's line (the header is the CSV's line 1).
      overlongRun.assertFails(
          "an entry cannot be read: line "
              + (name.endsWith(".csv") ? 2 : 1)
              + " holds bytes that are not UTF-8 text");
      assertThat(overlongRun.out()).doesNotContain("java.");
    }
  }

  /** The checkpoints and the keys are named, with what is wrong in them, in the auditor's words. */
  @Test
  void unreadableCheckpointsOrKeysAreNamedWithWhatIsWrong() throws Exception {
    List<ObjectNode> rows = chains.audit(3);
    Path entries = TestChains.ndjson(dir.resolve("a.ndjson"), rows);
    String keys = "--public-keys=" + chains.keyFile(dir.resolve("keys.pem"));
    String checkpoint = chains.checkpoints(ChainKind.AUDIT, rows, 3).get(0).toJson();
    byte[] text = (checkpoint + "\n" + checkpoint + "\n").getBytes(StandardCharsets.UTF_8);
    text[checkpoint.length() + 3] = (byte) 0xFF;
    Path notUtf8 = Files.write(dir.resolve("bad.ndjson"), text);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path rsaKey =
        Files.writeString(
            dir.resolve("rsa.pem"),
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                    .encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

    Run badCheckpoints = run("--entries=" + entries, "--checkpoints=" + notUtf8, keys);
    Run badKey =
        run(
            "--entries=" + entries,
            "--checkpoints="
                + TestChains.checkpointFile(
                    dir.resolve("checkpoints.ndjson"),
                    chains.checkpoints(ChainKind.AUDIT, rows, 3)),
            "--public-keys=" + rsaKey);

    assertThat(badCheckpoints.exit()).as(badCheckpoints.out()).isEqualTo(2);
    assertThat(badCheckpoints.out())
        .contains("bad.ndjson: line 2 holds bytes that are not UTF-8 text")
        .doesNotContain("java.");
    assertThat(badKey.exit()).as(badKey.out()).isEqualTo(2);
    assertThat(badKey.out())
        .contains("rsa.pem: a PEM block is not an Ed25519 public key")
        .doesNotContain("java.");
  }

  @Test
  void anNdjsonEntryWhoseNumbersOrChangesAreTextIsNotTakenForTheEntry() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    List<String> lines = new ArrayList<>(rows.stream().map(ObjectNode::toString).toList());
    String version = "\"version\":" + rows.get(2).get("version").asLong();
    String changes = "\"changes\":" + rows.get(2).get("changes");

    Run versionAsText =
        verify(
            ChainKind.AUDIT,
            lines(
                lines,
                2,
                line -> line.replace(version, version.replaceFirst(":(\\d+)", ":\"$1\""))),
            checkpoints);
    Run changesAsText =
        verify(
            ChainKind.AUDIT,
            lines(
                lines,
                2,
                line ->
                    line.replace(
                        changes,
                        "\"changes\":"
                            + ExportFiles.JSON.writeValueAsString(
                                rows.get(2).get("changes").toString()))),
            checkpoints);

    versionAsText.assertFails("version must be a JSON integer, not a string");
    changesAsText.assertFails("changes must be a JSON object, not a string");
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }

  @Test
  void aCsvHeaderThatNamesAColumnTwiceIsNotTakenForAnIntactExport() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    List<String> lines = Files.readAllLines(TestChains.csv(dir.resolve("a.csv"), rows));
    // The forged actor where a reader looks first, the hashed one in a second column of its name.
    List<String> forged = new ArrayList<>();
    forged.add(lines.get(0) + ",actor");
    int actor = List.of(lines.get(0).split(",")).indexOf("actor");
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      String hashed = cells.get(actor);
      cells.set(actor, "user:mallory@evil.example");
      forged.add(String.join(",", cells) + "," + hashed);
    }

    Run run = verify(ChainKind.AUDIT, Files.write(dir.resolve("forged.csv"), forged), checkpoints);

    run.assertFails("BROKEN", "the header names the column actor twice");
  }

  @Test
  void aRangeExportIsNotProvenAloneAndSaysWhy() throws Exception {
    List<ObjectNode> rows = chains.audit(9);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5, 8);

    Run run =
        verify(
            ChainKind.AUDIT,
            TestChains.csv(dir.resolve("range.csv"), rows.subList(3, 7)),
            checkpoints);

    run.assertFails("NOT PROVEN", "begins at entry 4, not 1", "a range export");
  }

  @Test
  void aCsvWithWindowsLineEndsOrABlankLastLineIsStillIntact() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 5);
    String csv = Files.readString(TestChains.csv(dir.resolve("a.csv"), rows));

    Run crlf =
        verify(
            ChainKind.AUDIT,
            Files.writeString(dir.resolve("crlf.csv"), csv.replace("\n", "\r\n")),
            checkpoints);
    Run blankLast =
        verify(
            ChainKind.AUDIT, Files.writeString(dir.resolve("blank.csv"), csv + "\n"), checkpoints);

    for (Run run : List.of(crlf, blankLast)) {
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("entries 1 to 5 intact");
    }
  }

  @Test
  void aCheckpointTheFileHoldsTwiceIsReadOnce() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.AUDIT, rows, 3, 5);
    List<Checkpoint> twice = new ArrayList<>();
    checkpoints.forEach(
        checkpoint -> {
          twice.add(checkpoint);
          twice.add(checkpoint);
        });

    Run run = verify(ChainKind.AUDIT, TestChains.ndjson(dir.resolve("a.ndjson"), rows), twice);

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("entries 1 to 5 intact, complete and in order");
  }

  /** The lines, the one at {@code index} changed, as an NDJSON file. */
  private Path lines(List<String> lines, int index, UnaryOperator<String> change) throws Exception {
    List<String> changed = new ArrayList<>(lines);
    changed.set(index, change.apply(lines.get(index)));
    return Files.writeString(
        dir.resolve("changed-" + System.nanoTime() + ".ndjson"), String.join("\n", changed) + "\n");
  }

  @Test
  void aCheckpointSignedWithAnotherKeyIsRejected() throws Exception {
    List<ObjectNode> rows = chains.audit(5);
    List<Checkpoint> genuine = chains.checkpoints(ChainKind.AUDIT, rows, 3);
    rows.get(3).put("actor", "user:nobody@acme.example");
    TestChains.rehash(ChainKind.AUDIT, rows);
    KeyPair other = TestChains.newKey();
    String realKeyId = SigningKeys.keyId(chains.key.getPublic());
    // The forger chains a new checkpoint to the genuine one, under the real key's id and under
    // the id of their own key.
    List<Run> runs = new ArrayList<>();
    for (String keyId : List.of(realKeyId, SigningKeys.keyId(other.getPublic()))) {
      Checkpoint forged =
          new Checkpoint(
                  ChainKind.AUDIT,
                  chains.company,
                  2,
                  5,
                  rows.get(4).get("hash").asString(),
                  genuine.get(0).hash(),
                  TestChains.START.plusSeconds(7200),
                  keyId,
                  null)
              .signedWith(other.getPrivate());
      runs.add(
          verify(
              ChainKind.AUDIT,
              TestChains.ndjson(dir.resolve("a.ndjson"), rows),
              List.of(genuine.get(0), forged)));
    }

    runs.get(0).assertFails("checkpoint 2", "it is forged");
    runs.get(1).assertFails("which is not a published key");
  }

  @Test
  void theSecurityEntriesChainGetsTheSame() throws Exception {
    List<ObjectNode> rows = chains.security(6);
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.SECURITY, rows, 3, 6);
    Path intact = TestChains.ndjson(dir.resolve("intact.ndjson"), rows);
    Run ok = verify(ChainKind.SECURITY, intact, checkpoints);

    List<ObjectNode> rewritten = new ArrayList<>();
    rows.forEach(row -> rewritten.add(row.deepCopy()));
    rewritten.get(1).put("reason", "nothing happened");
    TestChains.rehash(ChainKind.SECURITY, rewritten);
    Run rewrite =
        verify(
            ChainKind.SECURITY,
            TestChains.ndjson(dir.resolve("rewritten.ndjson"), rewritten),
            checkpoints);
    Run tail =
        verify(
            ChainKind.SECURITY,
            TestChains.ndjson(dir.resolve("tail.ndjson"), rows.subList(0, 4)),
            checkpoints);
    List<ObjectNode> swapped = new ArrayList<>(rows);
    swapped.set(3, rows.get(4));
    swapped.set(4, rows.get(3));
    Run reordered =
        verify(
            ChainKind.SECURITY,
            TestChains.ndjson(dir.resolve("swapped.ndjson"), swapped),
            checkpoints);

    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("OK: security chain").contains("up to signed checkpoint 2");
    rewrite.assertFails("at entry 3", "does not match signed checkpoint 1");
    tail.assertFails("the entries end at entry 4");
    reordered.assertFails("at entry 4");
  }

  @Test
  void withoutACheckpointNothingIsProven() throws Exception {
    List<ObjectNode> rows = chains.audit(3);

    Run run = verify(ChainKind.AUDIT, TestChains.ndjson(dir.resolve("a.ndjson"), rows), List.of());

    run.assertFails("NOT PROVEN", "no signed checkpoint");
  }

  @Test
  void anEmptyChainWithoutACheckpointIsProvenToMissNothing() throws Exception {
    Path empty = TestChains.ndjson(dir.resolve("security.ndjson"), List.of());
    List<Checkpoint> auditOnly = chains.checkpoints(ChainKind.AUDIT, chains.audit(2), 2);

    Run run = verify(ChainKind.SECURITY, empty, auditOnly);

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("OK: security chain (security.ndjson): no entries")
        .contains("no signed checkpoint of the security chain covers any");
  }

  @Test
  void anEmptyExportOfAChainThatHasACheckpointIsItsTailDeleted() throws Exception {
    Path empty = TestChains.ndjson(dir.resolve("security.ndjson"), List.of());
    List<Checkpoint> checkpoints = chains.checkpoints(ChainKind.SECURITY, chains.security(3), 3);

    Run run = verify(ChainKind.SECURITY, empty, checkpoints);

    run.assertFails(
        "BROKEN: security chain (security.ndjson) of company " + chains.company,
        "the file holds no entries but signed checkpoint 1",
        "covers entries up to 3");
  }

  @Test
  void missingOptionsAreAUsageError() {
    Run run = run("--entries=x.ndjson");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("--checkpoints").contains("Usage: audit-verifier");
  }
}
