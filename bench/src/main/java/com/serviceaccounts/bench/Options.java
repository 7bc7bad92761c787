package com.serviceaccounts.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code java -jar bench/target/bench.jar} was asked to measure, and where the stack is. Run,
 * it measures ({@link Benchmarks}).
 */
@Command(
    name = "java -jar bench/target/bench.jar",
    description = {
      "Every benchmark of BENCHMARKS.md, in one run against a running local stack, printing each"
          + " figure as it is measured and a summary table at the end.",
      ""
    },
    sortOptions = false,
    usageHelpWidth = 100,
    mixinStandardHelpOptions = true)
final class Options implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "PATH",
      defaultValue = ".local-stack",
      description = "the local stack's data folder, for its issuer's key (${DEFAULT-VALUE})")
  Path dataDirectory;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "8",
      description = "clients working side by side (${DEFAULT-VALUE})")
  int clients;

  // Five minutes: on two cores the JVMs' second-tier compiler is still busy minutes after the
  // start (half of query-service's CPU 2.5 minutes in), and a phase measured before it is done
  // measures the compiling.
  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "warm-up before each load phase is measured (${DEFAULT-VALUE})")
  long warmupSeconds;

  @Option(
      names = "--seconds",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "how long each load phase is measured (${DEFAULT-VALUE})")
  long seconds;

  @Option(
      names = "--only",
      paramLabel = "PHASE",
      split = ",",
      description = {
        "run only these phases: baseline, commands, lag, tokens, secrets, replay (the replay and"
            + " the audit queries); all when not given"
      })
  List<String> only = List.of();

  @Option(
      names = "--skip-replay",
      description = "leave out the replay of a million events and the audit queries")
  boolean skipReplay;

  @Option(
      names = "--replay-events",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "events the replay phase seeds (${DEFAULT-VALUE})")
  int replayEvents;

  @Option(
      names = "--lag-rate",
      paramLabel = "EDITS",
      defaultValue = "20",
      description =
          "edits/s of the lag phase when the commands phase did not run before it"
              + " (${DEFAULT-VALUE}); else half the commands/s measured")
  double lagRate;

  @Option(
      names = "--lag-probe-every",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "the lag phase reads back every N-th edit of each client (${DEFAULT-VALUE}); 1 reads"
              + " back every edit, which adds a read's work to each edit's")
  int lagProbeEvery;

  @Option(
      names = "--secret-rounds",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "accounts created and rotated to time how soon a secret gets a token (${DEFAULT-VALUE})")
  int secretRounds;

  @Option(
      names = "--command-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "command-service (${DEFAULT-VALUE})")
  String commandUrl;

  @Option(
      names = "--query-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8081",
      description = "query-service (${DEFAULT-VALUE})")
  String queryUrl;

  @Option(
      names = "--token-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8082",
      description = "token-service (${DEFAULT-VALUE})")
  String tokenUrl;

  @Option(
      names = "--jdbc",
      paramLabel = "URL",
      defaultValue = "jdbc:postgresql://127.0.0.1:15432/",
      description = "the stack's PostgreSQL, without a database (${DEFAULT-VALUE})")
  String jdbc;

  @Override
  public Integer call() throws Exception {
    new Benchmarks(this).run();
    return 0;
  }

  Duration warmup() {
    return Duration.ofSeconds(warmupSeconds);
  }

  Duration duration() {
    return Duration.ofSeconds(seconds);
  }

  boolean runs(String phase) {
    return only.isEmpty() || only.contains(phase);
  }
}
