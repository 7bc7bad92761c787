package com.serviceaccounts.systemtests;

import com.serviceaccounts.localstack.Ports;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The three services and the web UI as the executable jars the build produced, each in its own JVM,
 * on the test infrastructure's PostgreSQL and Kafka. Everything they print is kept, so tests can
 * check what reached the logs. The test classes share one running system ({@link #shared()}); each
 * test works in a company of its own.
 */
final class RunningSystem implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  final ServiceProcess commandService;
  final ServiceProcess queryService;
  final ServiceProcess tokenService;
  final ServiceProcess webUi;
  private static RunningSystem shared;
  private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

  private RunningSystem(String topic) {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    commandService =
        service("command", "command-service.jar", "command_service", topic, infrastructure);
    queryService =
        service(
            "query",
            "query-service.jar",
            "query_service",
            topic,
            infrastructure,
            // The data keys that open contact emails live in command-service's database.
            "--service-accounts.key-vault.url=" + infrastructure.jdbcUrl("command_service"),
            "--service-accounts.key-vault.username=" + infrastructure.username(),
            "--service-accounts.key-vault.password=" + infrastructure.password());
    tokenService =
        service(
            "token",
            "token-service.jar",
            "token_service",
            topic,
            infrastructure,
            // Signs with the key the other two trust, as the local stack's launcher arranges.
            "--service-accounts.token.key-directory=" + TestTokens.publicKeyPem().getParent());
    webUi =
        ServiceProcess.builder("web-ui", jar("web-ui.jar"))
            .port(Ports.anyFree())
            .jvmOption("-Xmx256m")
            .argument("--service-accounts.ui.command-service-url=" + commandService.baseUri())
            .argument("--service-accounts.ui.query-service-url=" + queryService.baseUri())
            // The development sign-in mints users' tokens with the key the services trust.
            .argument(
                "--service-accounts.ui.dev-sign-in.key-directory="
                    + TestTokens.publicKeyPem().getParent())
            .output(this::keep)
            .build();
  }

  /** The system every test class uses, started by the first to ask, stopped when the JVM ends. */
  static synchronized RunningSystem shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "running-system-stop"));
    }
    return shared;
  }

  /**
   * Starts the services on a topic of their own, so that test classes do not see each other's
   * events.
   */
  private static RunningSystem start() {
    RunningSystem system = new RunningSystem("system-test-" + UUID.randomUUID());
    List<ServiceProcess> all =
        List.of(system.commandService, system.queryService, system.tokenService, system.webUi);
    try {
      all.forEach(ServiceProcess::start);
      all.forEach(service -> service.awaitHealthy(START_TIMEOUT));
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
    return system;
  }

  /** Every line the services printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    // All at once: the JVM that runs the tests is given 30 s to end after its last test.
    List<ServiceProcess> all = List.of(webUi, tokenService, queryService, commandService);
    all.forEach(ServiceProcess::requestStop);
    all.forEach(service -> service.stop(STOP_TIMEOUT));
  }

  private ServiceProcess service(
      String label,
      String jarProperty,
      String database,
      String topic,
      TestInfrastructure infrastructure,
      String... extraArguments) {
    ServiceProcess.Builder builder = ServiceProcess.builder(label, jar(jarProperty));
    for (String argument : extraArguments) {
      builder.argument(argument);
    }
    return builder
        .port(Ports.anyFree())
        .jvmOption("-Xmx384m")
        .environment("AXONIQ_UPDATE_CHECKER_DISABLED", "true")
        .argument("--spring.datasource.url=" + infrastructure.jdbcUrl(database))
        .argument("--spring.datasource.username=" + infrastructure.username())
        .argument("--spring.datasource.password=" + infrastructure.password())
        .argument("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers())
        .argument("--service-accounts.events.topic=" + topic)
        .argument(
            "--spring.security.oauth2.resourceserver.jwt.public-key-location="
                + TestTokens.publicKeyLocation())
        .output(this::keep)
        .build();
  }

  private void keep(String line) {
    output.add(line);
    System.out.println(line);
  }

  private static Path jar(String jarProperty) {
    String jar = System.getProperty(jarProperty);
    if (jar == null) {
      throw new IllegalStateException(
          "system property " + jarProperty + " names the service's jar (set by the pom)");
    }
    return Path.of(jar);
  }
}
