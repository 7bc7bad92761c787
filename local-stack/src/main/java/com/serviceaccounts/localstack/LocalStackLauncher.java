package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts PostgreSQL, Kafka and the three services in that order, and stops them in the reverse
 * order from one JVM shutdown hook (Ctrl-C): services first, so that they can commit offsets and
 * release their connections while Kafka and PostgreSQL still run.
 *
 * <p>Starting and stopping share a lock, so a Ctrl-C during start-up never leaves a child process
 * or a server behind: whatever started before the hook ran is stopped by it, and nothing starts
 * after.
 */
final class LocalStackLauncher {

  private static final String COMMAND_DATABASE = "command_service";

  private static final String QUERY_DATABASE = "query_service";

  private static final String TOKEN_DATABASE = "token_service";

  /** The name query-service's credential has at command-service. */
  private static final String QUERY_SERVICE_CREDENTIAL = "query-service";

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);

  /**
   * Each service's heap limit. Left to the JVM it is a quarter of the machine's memory, which a
   * service grows into while memory is plenty; a fixed limit keeps the stack's footprint what the
   * benchmarks measure, and a service that needs more fails loudly instead.
   */
  private static final String SERVICE_HEAP = "-Xmx512m";

  /**
   * Each service's garbage collector. The JVM's default on a machine like ours, G1, works beside
   * the application on threads of its own (concurrent marking, remembered-set refinement) and pays
   * for that with costlier write barriers; on the two cores the whole stack shares, that CPU is
   * taken from the services and PostgreSQL. The parallel collector does all its work in short
   * pauses, which a 512 MiB heap keeps short (see BENCHMARKS.md for what it changed).
   */
  private static final String SERVICE_GC = "-XX:+UseParallelGC";

  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackLauncher.class);

  private final LauncherOptions options;

  private final Path dataDirectory;

  private final Object lifecycle = new Object();

  private final List<ServiceProcess> services = new ArrayList<>();

  private EmbeddedPostgresServer postgres;

  private KafkaKraftBroker kafka;

  private DevTokenIssuer issuer;

  /** The token service's {@code iss}, which the other two services trust. */
  private String tokenIssuer;

  /** Where query-service finds command-service's event stream and data keys. */
  private String commandServiceUrl;

  /**
   * query-service's credential at command-service's {@code /internal} API, new at every start: the
   * two processes are started together, and command-service is given only its hash.
   */
  private final String queryServiceSecret = newSecret();

  private boolean stopping;

  LocalStackLauncher(LauncherOptions options) {
    this.options = options;
    this.dataDirectory = options.dataDirectory().toAbsolutePath().normalize();
  }

  /** Starts everything, prints where it is, and keeps running until the JVM is asked to stop. */
  void run() {
    if (!options.infraOnly() && !jarsPresent()) {
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-shutdown"));
    long startedAt = System.nanoTime();
    try {
      issuer = DevTokenIssuer.loadOrCreate(DevTokenCommand.issuerDirectory(dataDirectory));
      startInfrastructure();
      if (!options.infraOnly()) {
        startServices();
      }
    } catch (RuntimeException e) {
      if (isStopping()) {
        return;
      }
      LOG.error("Start-up failed: {}", describe(e));
      System.exit(1);
      return;
    }
    printSummary(Duration.ofNanos(System.nanoTime() - startedAt));
    watchServices();
  }

  private boolean jarsPresent() {
    boolean present = true;
    for (Path jar :
        List.of(options.commandJar(), options.queryJar(), options.tokenJar(), options.uiJar())) {
      if (!Files.isRegularFile(jar)) {
        LOG.error(
            "No service jar at {}: build the services first (./mvnw package), "
                + "pass --command-jar/--query-jar/--token-jar/--ui-jar, or use --infra-only",
            jar.toAbsolutePath().normalize());
        present = false;
      }
    }
    return present;
  }

  private void startInfrastructure() {
    synchronized (lifecycle) {
      requireNotStopping();
      LOG.info("Starting PostgreSQL (data in {})", dataDirectory.resolve("postgres"));
      postgres =
          EmbeddedPostgresServer.start(
              dataDirectory.resolve("postgres"), Ports.firstFreeFrom(options.postgresPort()));
      postgres.createDatabaseIfMissing(COMMAND_DATABASE);
      postgres.createDatabaseIfMissing(QUERY_DATABASE);
      postgres.createDatabaseIfMissing(TOKEN_DATABASE);
    }
    synchronized (lifecycle) {
      requireNotStopping();
      LOG.info("Starting Kafka (data in {})", dataDirectory.resolve("kafka"));
      int kafkaPort = Ports.firstFreeFrom(options.kafkaPort());
      kafka =
          new KafkaKraftBroker(
              dataDirectory.resolve("kafka"), kafkaPort, Ports.firstFreeFrom(kafkaPort + 1));
      kafka.start();
    }
  }

  private void startServices() {
    Set<Integer> taken = new HashSet<>();
    int commandPort = port(options.commandPort(), taken);
    int queryPort = port(options.queryPort(), taken);
    int tokenPort = port(options.tokenPort(), taken);
    tokenIssuer = tokenIssuer(tokenPort);
    commandServiceUrl = "http://localhost:" + commandPort;
    ServiceProcess command =
        service(
            "command-service",
            options.commandJar(),
            commandPort,
            springArguments(COMMAND_DATABASE));
    ServiceProcess query =
        service("query-service", options.queryJar(), queryPort, springArguments(QUERY_DATABASE));
    ServiceProcess token =
        service("token-service", options.tokenJar(), tokenPort, springArguments(TOKEN_DATABASE));
    ServiceProcess ui =
        service(
            "web-ui",
            options.uiJar(),
            port(options.uiPort(), taken),
            uiArguments(command.baseUri().toString(), query.baseUri().toString()));
    List<ServiceProcess> all = List.of(command, query, token, ui);
    // The JVMs start side by side: on two cores this is still quicker than one after the other.
    for (ServiceProcess service : all) {
      synchronized (lifecycle) {
        requireNotStopping();
        LOG.info("Starting {} on port {}", service.label(), service.port());
        service.start();
        services.add(service);
      }
    }
    for (ServiceProcess service : all) {
      service.awaitHealthy(HEALTH_TIMEOUT);
      LOG.info("{} is healthy", service.label());
    }
  }

  private static int port(int preferredPort, Set<Integer> taken) {
    int port = Ports.firstFreeFrom(preferredPort);
    while (taken.contains(port)) {
      port = Ports.firstFreeFrom(port + 1);
    }
    taken.add(port);
    return port;
  }

  private static ServiceProcess service(String label, Path jar, int port, List<String> arguments) {
    ServiceProcess.Builder builder =
        ServiceProcess.builder(label, jar)
            .port(port)
            .jvmOption(SERVICE_HEAP)
            .jvmOption(SERVICE_GC)
            .environment("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
    arguments.forEach(builder::argument);
    return builder.build();
  }

  /**
   * The web UI's arguments: where the two services are, and the development sign-in, which mints
   * users' tokens with the issuer's key.
   */
  private List<String> uiArguments(String commandUrl, String queryUrl) {
    return List.of(
        "--service-accounts.ui.command-service-url=" + commandUrl,
        "--service-accounts.ui.query-service-url=" + queryUrl,
        "--service-accounts.ui.dev-sign-in.key-directory="
            + issuer.publicKeyPem().getParent().toAbsolutePath(),
        "--service-accounts.ui.dev-sign-in.default-company=" + DevTokenCommand.EXAMPLE_COMPANY);
  }

  /**
   * The token service's {@code iss}: its address, fixed here (without it, each request's host name
   * would be the issuer, and {@code 127.0.0.1} and {@code localhost} would make two).
   */
  private static String tokenIssuer(int tokenPort) {
    return "http://localhost:" + tokenPort;
  }

  /**
   * The services' arguments; token-service signs with the issuer's key pair, so the other two,
   * which trust its public key and its {@code iss}, accept its tokens; they accept people's tokens
   * from the development issuer ({@code service-accounts-dev}, their default), and {@link
   * DevTokenCommand#OPERATOR}'s at their operator endpoints.
   */
  private List<String> springArguments(String database) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(database),
                "--spring.datasource.password=" + postgres.password(database),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
    String tokenIssuer =
        this.tokenIssuer == null ? tokenIssuer(options.tokenPort()) : this.tokenIssuer;
    if (database.equals(TOKEN_DATABASE)) {
      arguments.add(
          "--service-accounts.token.key-directory="
              + issuer.publicKeyPem().getParent().toAbsolutePath());
      arguments.add("--spring.security.oauth2.authorizationserver.issuer=" + tokenIssuer);
    }
    // All three verify people's tokens (token-service only its operators') with the same key.
    arguments.add(
        "--spring.security.oauth2.resourceserver.jwt.public-key-location="
            + issuer.publicKeyLocation());
    arguments.add("--service-accounts.security.issuers.service-accounts=" + tokenIssuer);
    arguments.add("--service-accounts.security.operators=" + DevTokenCommand.OPERATOR);
    if (database.equals(COMMAND_DATABASE)) {
      arguments.add(
          "--service-accounts.security.service-credentials."
              + QUERY_SERVICE_CREDENTIAL
              + "="
              + ClientSecretHash.of(queryServiceSecret));
    }
    if (database.equals(QUERY_DATABASE)) {
      // The event stream (rebuilds) and the data keys (contact emails) are command-service's API.
      String commandUrl =
          commandServiceUrl == null
              ? "http://localhost:" + options.commandPort()
              : commandServiceUrl;
      arguments.add("--service-accounts.command-service.url=" + commandUrl);
      arguments.add("--service-accounts.command-service.username=" + QUERY_SERVICE_CREDENTIAL);
      arguments.add("--service-accounts.command-service.password=" + queryServiceSecret);
    }
    return arguments;
  }

  private void printSummary(Duration startUp) {
    StringBuilder summary =
        new StringBuilder()
            .append('\n')
            .append(
                String.format(
                    Locale.ROOT, "Local stack is up after %.1f s%n%n", startUp.toMillis() / 1000.0))
            .append(
                String.format(
                    "  PostgreSQL       jdbc:postgresql://127.0.0.1:%d/  (superuser %s, password %s)%n",
                    postgres.port(), postgres.username(), postgres.password()))
            .append(
                String.format(
                    "                   databases %s, %s, %s, each owned by the role of its name"
                        + " (password: the same), which may connect to no other%n",
                    COMMAND_DATABASE, QUERY_DATABASE, TOKEN_DATABASE))
            .append(
                String.format(
                    "  Kafka            %s  (bootstrap servers)%n", kafka.bootstrapServers()));
    for (ServiceProcess service : services) {
      summary.append(String.format("  %-16s %s%n", service.label(), service.baseUri()));
    }
    summary.append(
        String.format("  Data folder      %s  (delete it to start from scratch)%n", dataDirectory));
    if (options.infraOnly()) {
      summary
          .append(String.format("%nRun the services from an IDE with these program arguments:%n"))
          .append(
              String.format(
                  "  command-service  %s%n", String.join(" ", springArguments(COMMAND_DATABASE))))
          .append(
              String.format(
                  "  query-service    %s%n", String.join(" ", springArguments(QUERY_DATABASE))))
          .append(
              String.format(
                  "  token-service    %s%n", String.join(" ", springArguments(TOKEN_DATABASE))));
    }
    services.stream()
        .filter(service -> service.label().equals("web-ui"))
        .findFirst()
        .ifPresent(
            ui ->
                summary.append(
                    String.format(
                        "%nThe web UI: open %s and sign in (development sign-in, company %s)%n",
                        ui.baseUri(), DevTokenCommand.EXAMPLE_COMPANY)));
    summary.append(tokenHelp());
    summary.append(String.format("%nCtrl-C stops everything.%n"));
    System.out.print(summary);
    System.out.flush();
  }

  /** How to get a bearer token the services accept, and which key they trust. */
  private String tokenHelp() {
    String dataDirectoryOption =
        dataDirectory.equals(Path.of(".local-stack").toAbsolutePath().normalize())
            ? ""
            : " --data-dir=" + dataDirectory;
    return String.format(
        "%nA bearer token for a company (ADMIN on its Admin and Directory tools; token --help for"
            + " more):%n"
            + "  TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=<uuid>%s)%n"
            + "  curl -H \"Authorization: Bearer $TOKEN\" ...%n"
            + "The operator's token (/actuator/parked, /actuator/deadletters,"
            + " /actuator/projections):%n"
            + "  TOKEN=$(java -jar local-stack/target/local-stack.jar token --company=<uuid>"
            + " --subject=%s%s)%n"
            + "A service account's token, from token-service:%n"
            + "  curl -u <clientId>:<clientSecret> -d grant_type=client_credentials"
            + " <token-service>/oauth2/token%n"
            + "  The services trust %s; token-service signs with its private half%n",
        dataDirectoryOption, DevTokenCommand.OPERATOR, dataDirectoryOption, issuer.publicKeyPem());
  }

  /**
   * Keeps the main thread alive and says so when a service dies on its own; the rest keeps running,
   * so the developer can read the service's last lines and decide.
   */
  private void watchServices() {
    Set<ServiceProcess> reported = new HashSet<>();
    while (!isStopping()) {
      for (ServiceProcess service : services) {
        if (!service.isRunning() && reported.add(service) && !isStopping()) {
          LOG.warn(
              "{}-service exited with code {}; the rest keeps running, Ctrl-C stops everything",
              service.label(),
              service.exitCode().orElse(-1));
        }
      }
      try {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The shutdown hook: services, then Kafka, then PostgreSQL. */
  private void stopAll() {
    synchronized (lifecycle) {
      stopping = true;
      if (services.isEmpty() && kafka == null && postgres == null) {
        return;
      }
      LOG.info("Stopping the local stack");
      // SIGTERM to all services first, so that they shut down side by side.
      services.forEach(ServiceProcess::requestStop);
      for (ServiceProcess service : services) {
        stopQuietly(service.label(), () -> service.stop(ServiceProcess.DEFAULT_STOP_TIMEOUT));
      }
      if (kafka != null) {
        stopQuietly("Kafka", kafka::close);
      }
      if (postgres != null) {
        stopQuietly("PostgreSQL", postgres::close);
      }
      LOG.info("Stopped; data kept in {}", dataDirectory);
    }
  }

  private static void stopQuietly(String what, Runnable stop) {
    try {
      stop.run();
    } catch (RuntimeException e) {
      LOG.warn("{} did not stop cleanly: {}", what, describe(e));
    }
  }

  private boolean isStopping() {
    synchronized (lifecycle) {
      return stopping;
    }
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new IllegalStateException("Stopping");
    }
  }

  /** 256 random bits, URL-safe. */
  private static String newSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The messages of an exception and its causes, which say more to a developer than a trace. */
  private static String describe(Throwable error) {
    StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
