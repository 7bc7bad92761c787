package com.serviceaccounts.auditverifier;

import com.serviceaccounts.auditverifier.CheckpointChain.InvalidCheckpointException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standalone verifier: proves from files alone (no database, no service) that an exported chain
 * is intact, complete and in order up to its company's newest signed checkpoint.
 */
@Command(
    name = "audit-verifier",
    mixinStandardHelpOptions = true,
    version = "audit-verifier 1",
    description = {
      "Verifies an exported audit trail or security entries against signed checkpoints.",
      "Exit status: 0 proven (or no entries and no checkpoint), 1 not proven (a break, a forged"
          + " checkpoint, entries but no checkpoint),"
          + " 2 bad usage or unreadable files."
    })
public final class VerifyCommand implements Callable<Integer> {

  static final String AUDIT_ENTRIES = "audit-entries.ndjson";
  static final String SECURITY_ENTRIES = "security-entries.ndjson";
  static final String CHECKPOINTS = "checkpoints.ndjson";
  static final String PUBLIC_KEYS = "public-keys.pem";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "BUNDLE",
      description =
          "An unzipped export bundle: "
              + AUDIT_ENTRIES
              + ", "
              + SECURITY_ENTRIES
              + ", "
              + CHECKPOINTS
              + ", "
              + PUBLIC_KEYS
              + "; both chains are verified.")
  Path bundle;

  @Option(
      names = "--entries",
      paramLabel = "FILE",
      description = "An export of one company's chain: CSV (*.csv) or NDJSON.")
  Path entries;

  @Option(
      names = "--chain",
      defaultValue = "audit",
      description = "Which chain --entries holds: audit or security (default: ${DEFAULT-VALUE}).")
  String chain;

  @Option(
      names = "--checkpoints",
      paramLabel = "FILE",
      description = "Signed checkpoints, one JSON object a line.")
  Path checkpoints;

  @Option(
      names = "--public-keys",
      paramLabel = "FILE",
      split = ",",
      description = "PEM files of the published checkpoint keys (several blocks each if need be).")
  List<Path> publicKeys;

  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (bundle != null) {
      Path keys = bundle.resolve(PUBLIC_KEYS);
      Path signed = bundle.resolve(CHECKPOINTS);
      boolean audit = verify(ChainKind.AUDIT, bundle.resolve(AUDIT_ENTRIES), signed, List.of(keys));
      boolean security =
          verify(ChainKind.SECURITY, bundle.resolve(SECURITY_ENTRIES), signed, List.of(keys));
      out.flush();
      return audit && security ? 0 : 1;
    }
    if (entries == null || checkpoints == null || publicKeys == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give a BUNDLE directory, or --entries, --checkpoints and --public-keys");
    }
    boolean proven = verify(kind(), entries, checkpoints, publicKeys);
    out.flush();
    return proven ? 0 : 1;
  }

  private ChainKind kind() {
    try {
      return ChainKind.byLabel(chain);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--chain: " + e.getMessage());
    }
  }

  private boolean verify(ChainKind kind, Path file, Path checkpointFile, List<Path> keyFiles) {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, PublicKey> keys;
    List<Checkpoint> all;
    try {
      keys = ExportFiles.publicKeys(keyFiles);
      all = ExportFiles.checkpoints(checkpointFile);
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read " + file);
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String name = kind.label() + " chain (" + file.getFileName() + ")";
    try (MappingIterator<JsonNode> rows = ExportFiles.rows(file)) {
      ChainWalk walk = null;
      UUID company = null;
      long line = 0;
      while (rows.hasNextValue()) {
        line++;
        JsonNode row = rows.nextValue();
        if (ExportFiles.isCsv(file) && ExportFiles.blankLine(row)) {
          continue;
        }
        if (!row.isObject()) {
          out.println("BROKEN: " + name + ": entry " + line + " is not a JSON object");
          return false;
        }
        ChainEntry entry = kind.entry((ObjectNode) row, ExportFiles.isCsv(file));
        if (company == null && entry.sequence() > 1) {
          out.printf(
              "NOT PROVEN: %s of company %s begins at entry %d, not 1: a range export cannot be"
                  + " proven from files alone (entry %d links to the one before it); verify the"
                  + " whole chain's export, or the range with the service's"
                  + " GET /companies/{id}/%s/verify%n",
              name,
              entry.companyId(),
              entry.sequence(),
              entry.sequence(),
              kind == ChainKind.AUDIT ? "audit" : "audit/security-entries");
          return false;
        }
        if (company == null) {
          company = entry.companyId();
          walk = new ChainWalk(1, ChainAlgorithm.GENESIS, verified(all, kind, company, keys));
        } else if (!company.equals(entry.companyId())) {
          out.printf(
              "BROKEN: %s: entry %d belongs to company %s, not %s%n",
              name, line, entry.companyId(), company);
          return false;
        }
        if (!walk.accept(entry)) {
          break;
        }
      }
      if (walk == null) {
        return verifyEmpty(name, kind, all, keys);
      }
      Optional<ChainWalk.Break> broken = walk.finish();
      if (broken.isPresent()) {
        ChainWalk.Break at = broken.get();
        out.printf(
            "BROKEN: %s of company %s at entry %d%s: %s%n",
            name, company, at.sequence(), at.id() == null ? "" : " (" + at.id() + ")", at.reason());
        return false;
      }
      Optional<Checkpoint> reached = walk.reached();
      if (reached.isEmpty()) {
        out.printf(
            "NOT PROVEN: %s of company %s: %d entries chain correctly, but there is no signed"
                + " checkpoint of them to compare with%n",
            name, company, walk.checked());
        return false;
      }
      Checkpoint newest = reached.get();
      long after = walk.checked() - newest.lastSequence();
      out.printf(
          "OK: %s of company %s: entries 1 to %d intact, complete and in order up to signed"
              + " checkpoint %d of %s (key %s)%s%n",
          name,
          company,
          newest.lastSequence(),
          newest.number(),
          newest.createdAt(),
          newest.keyId(),
          after == 0
              ? ""
              : "; " + after + " newer entries chain correctly but no checkpoint covers them yet");
      return true;
    } catch (InvalidCheckpointException e) {
      out.println("BROKEN: " + name + ": " + e.getMessage());
      return false;
    } catch (IllegalArgumentException | JacksonException | UncheckedIOException e) {
      out.println("BROKEN: " + name + ": an entry cannot be read: " + Utf8Lines.describe(e));
      return false;
    }
  }

  /**
   * An export without entries names no company, so every checkpoint of that chain in the file
   * counts against it: with none, nothing was recorded that could be missing; with one that covers
   * an entry, the entries were removed.
   */
  private boolean verifyEmpty(
      String name, ChainKind kind, List<Checkpoint> all, Map<String, PublicKey> keys) {
    PrintWriter out = spec.commandLine().getOut();
    Set<UUID> companies = new LinkedHashSet<>();
    all.stream().filter(c -> c.chain() == kind).forEach(c -> companies.add(c.companyId()));
    for (UUID company : companies) {
      List<Checkpoint> mine = verified(all, kind, company, keys);
      Checkpoint newest = mine.get(mine.size() - 1);
      if (new ChainWalk(1, ChainAlgorithm.GENESIS, mine).finish().isPresent()) {
        out.printf(
            "BROKEN: %s of company %s at entry 1: the file holds no entries but signed checkpoint"
                + " %d of %s covers entries up to %d%n",
            name, company, newest.number(), newest.createdAt(), newest.lastSequence());
        return false;
      }
    }
    out.printf(
        "OK: %s: no entries, and no signed checkpoint of the %s chain covers any: nothing recorded"
            + " is missing%n",
        name, kind.label());
    return true;
  }

  private static List<Checkpoint> verified(
      List<Checkpoint> all, ChainKind kind, UUID company, Map<String, PublicKey> keys) {
    return CheckpointChain.verified(all, kind, company, keys);
  }
}
