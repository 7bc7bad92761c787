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
 * The three services as the executable jars the build produced, each in its own JVM, on the test
 * infrastructure's PostgreSQL and Kafka. Everything they print is kept, so tests can check what
 * reached the logs.
 */
final class RunningSystem implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final ServiceProcess commandService;
  final ServiceProcess queryService;
  final ServiceProcess tokenService;
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
  }

  /**
   * Starts the services on a topic of their own, so that test classes do not see each other's
   * events.
   */
  static RunningSystem start() {
    RunningSystem system = new RunningSystem("system-test-" + UUID.randomUUID());
    system.commandService.start();
    system.queryService.start();
    system.tokenService.start();
    system.commandService.awaitHealthy(START_TIMEOUT);
    system.queryService.awaitHealthy(START_TIMEOUT);
    system.tokenService.awaitHealthy(START_TIMEOUT);
    return system;
  }

  /** Every line the services printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    tokenService.close();
    queryService.close();
    commandService.close();
  }

  private ServiceProcess service(
      String label,
      String jarProperty,
      String database,
      String topic,
      TestInfrastructure infrastructure,
      String... extraArguments) {
    String jar = System.getProperty(jarProperty);
    if (jar == null) {
      throw new IllegalStateException(
          "system property " + jarProperty + " names the service's jar (set by the pom)");
    }
    ServiceProcess.Builder builder = ServiceProcess.builder(label, Path.of(jar));
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
        .output(
            line -> {
              output.add(line);
              System.out.println(line);
            })
        .build();
  }
}
