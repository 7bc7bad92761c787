package com.serviceaccounts.bench;

import com.serviceaccounts.keycloakjava.KeycloakJava;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This project's local stack and a peer, one after the other, each started fresh, driven by the
 * same load generator with the same operations and numbers of clients, restarted on its data, and
 * compared side by side ({@link ComparisonTable}). Nothing here asserts on time.
 */
final class PeerComparison {

  private static final String FRESH = "fresh start to ready";
  private static final String RESTART = "restart to ready, same data";
  private static final String IDLE = "memory idle after start (PSS, MiB)";
  private static final String AFTER = "memory after the load (PSS, MiB)";

  private final Options options;
  private final Set<String> throughputs = new HashSet<>();

  PeerComparison(Options options) {
    this.options = options;
  }

  void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "Peer comparison: %s clients, %d s warm-up and %d s measured per phase, %d cores,"
            + " Java %s; load average before: %s%n",
        options.peerClients,
        options.warmup().toSeconds(),
        options.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Benchmarks.loadAverage());
    OurSystem stack = new OurSystem(options);
    System.out.println("The local stack runs on the JDK in " + stack.javaHome());
    Figures ours = measure(stack);
    Figures peer = new Figures("Keycloak " + Options.KEYCLOAK_VERSION);
    Optional<Path> java = KeycloakJava.find(options.peerJava);
    if (java.isEmpty()) {
      skip(
          peer,
          "skipped: Keycloak needs a JDK "
              + KeycloakJava.MINIMUM
              + "+: "
              + (options.peerJava != null
                  ? options.peerJava + " is not one"
                  : "there is none under " + KeycloakJava.JVMS));
    } else if (!Files.isExecutable(options.peerHome.resolve("bin/kc.sh"))) {
      skip(
          peer,
          "skipped: no Keycloak at "
              + options.peerHome
              + " (bench/run --peer=keycloak unpacks it)");
    } else {
      System.out.println("Keycloak runs on " + java.get());
      peer = measure(new KeycloakSystem(options, java.get()));
    }
    ComparisonTable table = new ComparisonTable(peer.system);
    Set<String> measures = new LinkedHashSet<>(ours.cells.keySet());
    measures.addAll(peer.cells.keySet());
    for (String measure : measures) {
      table.add(measure, ours.cell(measure), peer.cell(measure), throughputs.contains(measure));
    }
    System.out.println("\nLoad average at the end (1, 5, 15 min): " + Benchmarks.loadAverage());
    System.out.println("\n## This project and " + peer.system + ", side by side\n");
    System.out.print(table.markdown());
  }

  private static void skip(Figures peer, String why) {
    System.out.println("The peer is " + why);
    peer.skipped(why);
  }

  private Figures measure(ComparedSystem system) throws Exception {
    Figures figures = new Figures(system.name());
    System.out.println("\n## " + system.name() + "\n");
    // A bench stopped by Ctrl-C or SIGTERM stops the system it was measuring, too.
    Thread stopOnExit = new Thread(() -> stopQuietly(system), "stop-" + system.name());
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      Duration fresh = system.start(true);
      figures.time(FRESH, fresh);
      System.out.println(FRESH + ": " + figures.cell(FRESH).text());
      Thread.sleep(options.settleSeconds * 1000);
      memory(system, figures, IDLE);
      List<String> algorithms = options.algorithms;
      if (options.runs("tokens") && !algorithms.isEmpty()) {
        tokens(system, figures, algorithms.get(0));
      }
      for (int clients : options.peerClients) {
        if (options.runs("create")) {
          phase(system, figures, "create/s, " + clients + " clients", clients, system.creates());
        }
      }
      for (int clients : options.peerClients) {
        if (options.runs("edit")) {
          phase(system, figures, "edit/s, " + clients + " clients", clients, system.edits());
        }
      }
      memory(system, figures, AFTER);
      system.stop();
      figures.time(RESTART, system.start(false));
      System.out.println(RESTART + ": " + figures.cell(RESTART).text());
      for (String algorithm :
          algorithms.subList(Math.min(1, algorithms.size()), algorithms.size())) {
        if (options.runs("tokens")) {
          tokens(system, figures, algorithm);
        }
      }
    } catch (Exception e) {
      // The other system is still measured; the table says what this one lacks and why.
      System.out.println(system.name() + " failed: " + e);
      figures.skipped("failed: " + e.getMessage());
    } finally {
      system.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs, or has run: it finds the system stopped.
      }
    }
    return figures;
  }

  private static void stopQuietly(ComparedSystem system) {
    try {
      system.stop();
    } catch (Exception e) {
      System.err.println("Could not stop " + system.name() + ": " + e);
    }
  }

  private void memory(ComparedSystem system, Figures figures, String measure) {
    Map<String, Long> pss = system.processes().pssKib();
    figures.memory(measure, pss);
    System.out.println(measure + ": " + figures.cell(measure).text());
  }

  /**
   * Token requests of one client, signed with {@code algorithm}: the system is asked to sign with
   * it when its tokens are not, and its tokens' header says whether it does.
   */
  private void tokens(ComparedSystem system, Figures figures, String algorithm) throws Exception {
    SecretUsability.Credentials client = system.tokenClient();
    String signed = signedWith(system.token(client));
    String why = null;
    if (!signed.equals(algorithm)) {
      try {
        system.signWith(algorithm);
        client = system.tokenClient();
        signed = signedWith(system.token(client));
        why = signed.equals(algorithm) ? null : "tokens signed " + signed;
      } catch (IllegalStateException e) {
        why = e.getMessage();
      }
    }
    for (int clients : options.peerClients) {
      String measure = "tokens/s, " + algorithm + ", " + clients + " clients";
      if (why != null) {
        String whyNot = "not supported by this build (" + why + ")";
        figures.missingLoad(measure, whyNot);
        System.out.println(system.name() + ", " + measure + ": " + whyNot);
        continue;
      }
      SecretUsability.Credentials credentials = client;
      phase(
          system,
          figures,
          measure,
          clients,
          () -> measured -> system.token(credentials).statusCode() == 200);
    }
  }

  private void phase(
      ComparedSystem system, Figures figures, String measure, int clients, Load.Client client)
      throws Exception {
    Load load =
        Load.run(
            clients,
            options.warmup(),
            options.duration(),
            0,
            system.processes()::cpuMillis,
            client);
    figures.load(measure, load);
    throughputs.add(measure);
    System.out.printf(
        Locale.ROOT,
        "%s, %s: median %,.0f/s; %s%n",
        system.name(),
        measure,
        load.medianPerSecond(),
        load.describe("operations"));
  }

  /** The {@code alg} of a token response's access token (a JWT's header). */
  static String signedWith(Http.Reply tokenResponse) throws Exception {
    if (tokenResponse.statusCode() != 200) {
      return "none: the token endpoint answered " + tokenResponse.statusCode();
    }
    String token = Stack.JSON.readTree(tokenResponse.body()).get("access_token").asText();
    String header =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    return Stack.JSON.readTree(header).get("alg").asText();
  }
}
