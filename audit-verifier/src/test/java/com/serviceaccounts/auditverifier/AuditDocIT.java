package com.serviceaccounts.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the commands {@code docs/audit.md} marks as tested, as a reader would, on a bundle made like
 * the service makes it: the packaged verifier jar, and the standard tools without any of the
 * project's code. Each must accept the bundle, and reject it once altered.
 */
class AuditDocIT {

  private static final Path DOC = Path.of("..", "docs", "audit.md");
  private static final Pattern TESTED =
      Pattern.compile("<!-- tested -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path work;

  private final TestChains chains = new TestChains();
  private List<String> blocks;

  @BeforeEach
  void readTheDoc() throws IOException {
    blocks = new ArrayList<>();
    Matcher matcher = TESTED.matcher(Files.readString(DOC));
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    assertThat(blocks).as("tested blocks in " + DOC).hasSize(4);
    Files.copy(Path.of("target", "audit-verifier.jar"), work.resolve("audit-verifier.jar"));
  }

  @Test
  void theVerifierCommandsProveAnIntactBundleAndRejectARewrittenOne() throws Exception {
    Bundle intact = bundle(chains.audit(6));
    assertThat(run(blocks.get(0))).as("bundle").isZero();
    assertThat(run(blocks.get(1))).as("csv").isZero();

    rewritten(intact);
    assertThat(run(blocks.get(0))).as("bundle, rewritten").isEqualTo(1);
  }

  @Test
  void theStandardToolCommandsProveAnIntactBundleAndRejectAnAlteredOne() throws Exception {
    assumeTrue(
        run("command -v jq xxd sha256sum base64 openssl unzip >/dev/null") == 0,
        "jq, xxd, sha256sum, base64, openssl and unzip are on the PATH");
    Bundle intact = bundle(chains.audit(6));
    run(blocks.get(0));
    assertThat(run(blocks.get(2))).as("entries").isZero();
    assertThat(run(blocks.get(3))).as("checkpoints").isZero();

    List<ObjectNode> changed = copy(intact.rows);
    changed.get(3).put("actor", "user:nobody@acme.example");
    bundle(changed, intact.checkpoints);
    run(blocks.get(0));
    assertThat(run(blocks.get(2))).as("entries, one changed").isNotZero();

    rewritten(intact);
    run(blocks.get(0));
    assertThat(run(blocks.get(2))).as("entries, rewritten: they hold together").isZero();
    assertThat(run(blocks.get(3))).as("checkpoints, rewritten").isNotZero();
  }

  private record Bundle(List<ObjectNode> rows, List<Checkpoint> checkpoints) {}

  private Bundle bundle(List<ObjectNode> rows) throws IOException {
    List<Checkpoint> checkpoints = new ArrayList<>(chains.checkpoints(ChainKind.AUDIT, rows, 3, 6));
    return bundle(rows, checkpoints);
  }

  /** Writes the bundle zip and a CSV export of the rows into the working directory. */
  private Bundle bundle(List<ObjectNode> rows, List<Checkpoint> checkpoints) throws IOException {
    List<ObjectNode> security = chains.security(3);
    List<Checkpoint> all = new ArrayList<>(checkpoints);
    all.addAll(chains.checkpoints(ChainKind.SECURITY, security, 3));
    Path files = Files.createDirectories(work.resolve("files"));
    try (OutputStream out = Files.newOutputStream(work.resolve("audit-bundle.zip"));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      add(zip, "checkpoints.ndjson", TestChains.checkpointFile(files.resolve("c"), all));
      add(zip, "public-keys.pem", chains.keyFile(files.resolve("k")));
      add(zip, "audit-entries.ndjson", TestChains.ndjson(files.resolve("a"), rows));
      add(zip, "security-entries.ndjson", TestChains.ndjson(files.resolve("s"), security));
    }
    TestChains.csv(work.resolve("audit.csv"), rows);
    return new Bundle(rows, checkpoints);
  }

  /** The bundle with entry 2 changed and every hash from there recomputed. */
  private void rewritten(Bundle intact) throws IOException {
    List<ObjectNode> rows = copy(intact.rows);
    rows.get(1).put("actor", "user:nobody@acme.example");
    TestChains.rehash(ChainKind.AUDIT, rows);
    bundle(rows, intact.checkpoints);
  }

  private static List<ObjectNode> copy(List<ObjectNode> rows) {
    return new ArrayList<>(rows.stream().map(ObjectNode::deepCopy).toList());
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(Files.readAllBytes(file));
  }

  /** The commands in bash, as the doc shows them, in the working directory; their exit status. */
  private int run(String commands) throws Exception {
    Process process =
        new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", commands)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(5, TimeUnit.MINUTES);
    System.out.println("$ " + commands + "\n" + output);
    return process.exitValue();
  }
}
