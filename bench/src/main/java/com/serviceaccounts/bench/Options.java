package com.serviceaccounts.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
      description =
          "the local stack's data folder, for its issuer's key (${DEFAULT-VALUE}); with --peer,"
              + " an empty or new one the comparison starts the stack on")
  Path dataDirectory;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "8",
      description = "clients working side by side (${DEFAULT-VALUE})")
  int clients;

  // Five minutes: on two cores the JVMs' second-tier compiler is still busy minutes after the
  // start (half of query-service's CPU 2.5 minutes in), and a phase measured before it is done
  // measures the compiling. The comparison with a peer has a dozen phases, and shorter ones.
  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description = "warm-up before each load phase is measured (300; 60 with --peer)")
  Long warmupSeconds;

  @Option(
      names = "--seconds",
      paramLabel = "SECONDS",
      description = "how long each load phase is measured (20; 30 with --peer)")
  Long seconds;

  @Option(
      names = "--only",
      paramLabel = "PHASE",
      split = ",",
      description = {
        "run only these phases: baseline, commands, lag, tokens, secrets, replay (the replay and"
            + " the audit queries); with --peer: tokens, create, edit; all when not given"
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

  @Option(
      names = "--peer",
      paramLabel = "NAME",
      description = {
        "compare with a peer instead: start the local stack (--stack-jar, on the empty --data-dir)"
            + " and then the peer, one after the other, and drive both with the same load; the"
            + " only peer is keycloak"
      })
  String peer;

  @Option(
      names = "--peer-java",
      paramLabel = "JAVA_HOME",
      description = "a JDK 21 or newer for the peer; else the newest under /usr/lib/jvm")
  Path peerJava;

  @Option(
      names = "--peer-home",
      paramLabel = "PATH",
      defaultValue = "bench/target/keycloak/keycloak-" + KEYCLOAK_VERSION,
      description = "the peer's unpacked distribution, as bench/run unpacks it (${DEFAULT-VALUE})")
  Path peerHome;

  @Option(
      names = "--peer-heap",
      paramLabel = "OPTIONS",
      defaultValue = "-Xms64m -Xmx512m",
      description = "the peer JVM's heap options (${DEFAULT-VALUE}, as each of our services)")
  String peerHeap;

  @Option(
      names = "--peer-clients",
      paramLabel = "N",
      split = ",",
      defaultValue = "8,32",
      description =
          "with --peer, each phase at each of these numbers of clients (${DEFAULT-VALUE})")
  List<Integer> peerClients;

  @Option(
      names = "--algorithms",
      paramLabel = "ALG",
      split = ",",
      defaultValue = "RS256,ES256",
      description = "with --peer, the tokens phase for each signature algorithm (${DEFAULT-VALUE})")
  List<String> algorithms;

  @Option(
      names = "--stack-jar",
      paramLabel = "PATH",
      defaultValue = "local-stack/target/local-stack.jar",
      description = "with --peer, the local stack's launcher (${DEFAULT-VALUE})")
  Path stackJar;

  @Option(
      names = "--stack-java",
      paramLabel = "JAVA_HOME",
      description =
          "with --peer, the JDK that runs the launcher and so each service; else the benchmarks'"
              + " own")
  Path stackJava;

  @Option(
      names = "--stack-launcher-java",
      paramLabel = "PATH",
      defaultValue = "local-stack/launcher-java",
      description =
          "with --peer, what runs the launcher's JVM with its options, as for ./run-local"
              + " (${DEFAULT-VALUE})")
  Path stackLauncherJava;

  @Option(
      names = "--settle",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "with --peer, the pause after a start before the idle memory is read (${DEFAULT-VALUE})")
  long settleSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (peer == null) {
      new Benchmarks(this).run();
    } else {
      checkPeer();
      new PeerComparison(this).run();
    }
    return 0;
  }

  /** The peer's version; bench/pom.xml unpacks the same one. */
  static final String KEYCLOAK_VERSION = "26.7.3";

  /** The peer options make sense together. */
  void checkPeer() {
    if (!peer.equals("keycloak")) {
      throw new ParameterException(
          spec.commandLine(), "--peer knows only keycloak, not '" + peer + "'");
    }
    if (peerClients.isEmpty() || peerClients.stream().anyMatch(n -> n < 1)) {
      throw new ParameterException(
          spec.commandLine(), "--peer-clients needs numbers of 1 or more: " + peerClients);
    }
  }

  Duration warmup() {
    return Duration.ofSeconds(warmupSeconds != null ? warmupSeconds : peer != null ? 60 : 300);
  }

  Duration duration() {
    return Duration.ofSeconds(seconds != null ? seconds : peer != null ? 30 : 20);
  }

  boolean runs(String phase) {
    return only.isEmpty() || only.contains(phase);
  }
}
