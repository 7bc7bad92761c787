package com.serviceaccounts.localstack;

import static com.serviceaccounts.localstack.ServiceArguments.COMMAND_DATABASE;
import static com.serviceaccounts.localstack.ServiceArguments.QUERY_DATABASE;
import static com.serviceaccounts.localstack.ServiceArguments.TOKEN_DATABASE;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

  /**
   * The launcher's process id, in the data folder while the stack runs: the benchmarks find the
   * stack's processes as this process's descendants.
   */
  static final String PID_FILE = "local-stack.pid";

  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackLauncher.class);

  private final LauncherOptions options;

  private final Path dataDirectory;

  private final ServiceJvms jvms;

  private final Object lifecycle = new Object();

  private final List<ServiceProcess> services = new ArrayList<>();

  private EmbeddedPostgresServer postgres;

  private KafkaKraftBroker kafka;

  private DevTokenIssuer issuer;

  private AuditSigningKeys auditSigning;

  private TokenSigningKeys tokenSigning;

  /** The token service's {@code iss}, which the other two services trust. */
  private String tokenIssuer;

  /** Where query-service finds command-service's event stream and data keys. */
  private String commandServiceUrl;

  /** query-service's secret at command-service's {@code /internal} API, new at every start. */
  private final String queryServiceSecret = ServiceArguments.newSecret();

  private boolean stopping;

  LocalStackLauncher(LauncherOptions options) {
    this.options = options;
    this.dataDirectory = options.dataDirectory().toAbsolutePath().normalize();
    this.jvms = new ServiceJvms(dataDirectory);
  }

  /** Starts everything, prints where it is, and keeps running until the JVM is asked to stop. */
  void run() {
    if (!options.infraOnly && !options.serviceJarsPresent()) {
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-shutdown"));
    long startedAt = System.nanoTime();
    try {
      writePidFile();
      issuer = DevTokenIssuer.loadOrCreate(DevTokenCommand.issuerDirectory(dataDirectory));
      auditSigning =
          AuditSigningKeys.loadOrCreate(dataDirectory.resolve(AuditSigningKeys.DIRECTORY));
      tokenSigning =
          TokenSigningKeys.loadOrCreate(
              dataDirectory.resolve(
                  TokenSigningKeys.directoryName(options.tokenSignatureAlgorithm)),
              options.tokenSignatureAlgorithm);
      startInfrastructure();
      if (!options.infraOnly) {
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
    new StartupSummary(postgres, kafka, services, dataDirectory, options.infraOnly, arguments())
        .print(Duration.ofNanos(System.nanoTime() - startedAt));
    watchServices();
  }

  private void startInfrastructure() {
    synchronized (lifecycle) {
      requireNotStopping();
      LOG.info("Starting PostgreSQL (data in {})", dataDirectory.resolve("postgres"));
      postgres =
          EmbeddedPostgresServer.start(
              dataDirectory.resolve("postgres"), Ports.firstFreeFrom(options.postgresPort));
      postgres.createDatabaseIfMissing(COMMAND_DATABASE);
      postgres.createDatabaseIfMissing(QUERY_DATABASE);
      postgres.createDatabaseIfMissing(TOKEN_DATABASE);
    }
    synchronized (lifecycle) {
      requireNotStopping();
      LOG.info("Starting Kafka (data in {})", dataDirectory.resolve("kafka"));
      int kafkaPort = Ports.firstFreeFrom(options.kafkaPort);
      kafka =
          new KafkaKraftBroker(
              dataDirectory.resolve("kafka"), kafkaPort, Ports.firstFreeFrom(kafkaPort + 1));
      kafka.start();
    }
  }

  private void startServices() {
    Set<Integer> taken = new HashSet<>();
    int commandPort = port(options.commandPort, taken);
    int queryPort = port(options.queryPort, taken);
    int tokenPort = port(options.tokenPort, taken);
    tokenIssuer = ServiceArguments.tokenIssuer(tokenPort);
    commandServiceUrl = "http://localhost:" + commandPort;
    ServiceProcess command =
        jvms.service(
            "command-service", options.commandJar, commandPort, arguments(), COMMAND_DATABASE);
    ServiceProcess query =
        jvms.service("query-service", options.queryJar, queryPort, arguments(), QUERY_DATABASE);
    ServiceProcess token =
        jvms.service("token-service", options.tokenJar, tokenPort, arguments(), TOKEN_DATABASE);
    ServiceProcess ui =
        jvms.ui(
            options.uiJar,
            port(options.uiPort, taken),
            arguments().ui(command.baseUri().toString(), query.baseUri().toString()));
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
      service.awaitHealthy(options.healthTimeout);
      LOG.info("{} is healthy", service.label());
    }
  }

  private void writePidFile() {
    try {
      Files.createDirectories(dataDirectory);
      Files.writeString(
          dataDirectory.resolve(PID_FILE), ProcessHandle.current().pid() + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDirectory.resolve(PID_FILE), e);
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(dataDirectory.resolve(PID_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** The services' arguments, with the token service's {@code iss} once its port is known. */
  private ServiceArguments arguments() {
    return new ServiceArguments(
        postgres,
        kafka,
        issuer,
        tokenIssuer == null ? ServiceArguments.tokenIssuer(options.tokenPort) : tokenIssuer,
        commandServiceUrl == null ? "http://localhost:" + options.commandPort : commandServiceUrl,
        queryServiceSecret,
        auditSigning,
        tokenSigning,
        options.tokenSignatureAlgorithm);
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
        stopQuietly("The pid file", this::deletePidFile);
        return;
      }
      LOG.info("Stopping the local stack");
      // SIGTERM to all services first, so that they shut down side by side.
      services.forEach(ServiceProcess::requestStop);
      for (ServiceProcess service : services) {
        stopQuietly(
            service.label(),
            () -> {
              service.stop(jvms.stopTimeout(service));
              jvms.stopped(service);
            });
      }
      if (kafka != null) {
        stopQuietly("Kafka", kafka::close);
      }
      if (postgres != null) {
        stopQuietly("PostgreSQL", postgres::close);
      }
      stopQuietly("The pid file", this::deletePidFile);
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
