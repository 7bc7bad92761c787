package com.serviceaccounts.systemtests;

import com.serviceaccounts.localstack.AuditSigningKeys;
import com.serviceaccounts.localstack.Ports;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestServiceCredentials;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * The three services and the web UI as the executable jars the build produced, each in its own JVM,
 * on the test infrastructure's PostgreSQL and Kafka. Everything they print is kept, so tests can
 * check what reached the logs. The test classes share one running system ({@link #shared()}); each
 * test works in a company of its own. A test that needs several instances of a service builds a
 * system of its own ({@link #builder()}).
 */
final class RunningSystem implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final String TOKEN_DATABASE = "token_service";

  /** The first (in the shared system the only) instance of each. */
  final ServiceProcess commandService;

  final ServiceProcess queryService;

  /** {@code null} in a system built without them. */
  final ServiceProcess tokenService;

  final ServiceProcess webUi;

  /** Every instance, sharing the databases, the topic and query-service's consumer group. */
  final List<ServiceProcess> commandServices;

  final List<ServiceProcess> queryServices;

  private static RunningSystem shared;

  /** The event topic of every system this JVM started, for the contract check at the end. */
  private static final Set<String> EVENT_TOPICS = ConcurrentHashMap.newKeySet();

  private final String eventTopic;
  private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
  private final String commandDatabase;
  private final String queryDatabase;

  /** The {@code iss} of token-service's tokens, which the other services trust. */
  final String tokenIssuer;

  /**
   * The key pair every query-service instance signs audit checkpoints with, in a folder of its own.
   */
  final AuditSigningKeys auditSigning;

  private RunningSystem(Builder layout) {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    String topic = "system-test-" + UUID.randomUUID();
    eventTopic = topic;
    EVENT_TOPICS.add(topic);
    commandDatabase = "command_service" + layout.isolation;
    queryDatabase = "query_service" + layout.isolation;
    int tokenPort = Ports.anyFree();
    // token-service's iss, fixed (else each request's host would be it), and trusted by the others
    tokenIssuer = "http://localhost:" + tokenPort;
    List<ServiceProcess> commands = new ArrayList<>();
    List<ServiceProcess> queries = new ArrayList<>();
    auditSigning =
        AuditSigningKeys.loadOrCreate(temporaryDirectory().resolve(AuditSigningKeys.DIRECTORY));
    for (int instance = 1; instance <= layout.commandServices; instance++) {
      commands.add(
          service(
              label("command", instance),
              "command-service.jar",
              Ports.anyFree(),
              commandDatabase,
              topic,
              infrastructure,
              Map.of(),
              "--"
                  + TestServiceCredentials.SERVER_PROPERTY_PREFIX
                  + TestServiceCredentials.QUERY_SERVICE
                  + "="
                  + TestServiceCredentials.queryServiceHash()));
    }
    // Every command-service instance, tried in turn: the rebuild's event stream and the data keys.
    String commandUrls =
        commands.stream()
            .map(command -> command.baseUri().toString())
            .collect(Collectors.joining(","));
    for (int instance = 1; instance <= layout.queryServices; instance++) {
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "--spring.kafka.consumer.group-id=query-service" + layout.isolation,
                  "--service-accounts.command-service.url=" + commandUrls,
                  "--service-accounts.command-service.username="
                      + TestServiceCredentials.QUERY_SERVICE));
      arguments.addAll(auditSigning.queryServiceArguments());
      queries.add(
          service(
              label("query", instance),
              "query-service.jar",
              Ports.anyFree(),
              queryDatabase,
              topic,
              infrastructure,
              // As the local stack does: a command line is visible to every user (ps), the
              // environment only to the process's own.
              Map.of(
                  "SERVICE_ACCOUNTS_COMMAND_SERVICE_PASSWORD",
                  TestServiceCredentials.QUERY_SERVICE_SECRET),
              arguments.toArray(String[]::new)));
    }
    commandServices = List.copyOf(commands);
    queryServices = List.copyOf(queries);
    commandService = commandServices.get(0);
    queryService = queryServices.get(0);
    if (layout.tokenServiceAndWebUi) {
      tokenService =
          service(
              "token",
              "token-service.jar",
              tokenPort,
              TOKEN_DATABASE,
              topic,
              infrastructure,
              Map.of(),
              // Signs with ES256 and a key of its own, which the other two fetch from its JWKS, as
              // the local stack's launcher arranges.
              "--service-accounts.token.key-directory=" + TestTokens.tokenServiceKeyDirectory(),
              "--spring.security.oauth2.authorizationserver.issuer=" + tokenIssuer);
      webUi =
          ServiceProcess.builder("web-ui", jar("web-ui.jar"))
              .port(Ports.anyFree())
              .jvmOption("-Xmx256m")
              // The development sign-in is an add-on beside the jar, as the local stack adds it.
              .jvmOption(
                  "-Dloader.path="
                      + jar("web-ui.jar").resolveSibling("dev-sign-in").toAbsolutePath())
              .argument("--service-accounts.ui.command-service-url=" + commandService.baseUri())
              .argument("--service-accounts.ui.query-service-url=" + queryService.baseUri())
              // The development sign-in mints users' tokens with the key the services trust.
              .argument(
                  "--service-accounts.ui.dev-sign-in.key-directory="
                      + TestTokens.publicKeyPem().getParent())
              .output(this::keep)
              .build();
    } else {
      tokenService = null;
      webUi = null;
    }
  }

  /** The system every test class uses, started by the first to ask, stopped when the JVM ends. */
  static synchronized RunningSystem shared() {
    if (shared == null) {
      shared = builder().withTokenServiceAndWebUi().start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "running-system-stop"));
    }
    return shared;
  }

  /**
   * A system of its own: one instance of command-service and one of query-service unless told
   * otherwise, on a topic of its own (so that test classes do not see each other's events).
   */
  static Builder builder() {
    return new Builder();
  }

  /** The topic command-service publishes the events to. */
  String eventTopic() {
    return eventTopic;
  }

  /** The event topics of every system started so far. */
  static Set<String> eventTopics() {
    return Set.copyOf(EVENT_TOPICS);
  }

  /** command-service's event store. */
  EventStore eventStore() {
    return new EventStore(commandDatabase);
  }

  /** The database (and role) of each service, command-service's first. */
  List<String> databases() {
    return tokenService == null
        ? List.of(commandDatabase, queryDatabase)
        : List.of(commandDatabase, queryDatabase, TOKEN_DATABASE);
  }

  /** Every line the services printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    // All at once: the JVM that runs the tests is given 30 s to end after its last test.
    List<ServiceProcess> all = all();
    all.forEach(ServiceProcess::requestStop);
    all.forEach(service -> service.stop(STOP_TIMEOUT));
    try {
      Files.deleteIfExists(auditSigning.privateKeyPem());
      Files.deleteIfExists(auditSigning.publicKeyPem());
      Files.deleteIfExists(auditSigning.privateKeyPem().getParent());
      Files.deleteIfExists(auditSigning.privateKeyPem().getParent().getParent());
    } catch (IOException e) {
      // a key left in the temporary folder is a development key of a system that is gone
    }
  }

  private List<ServiceProcess> all() {
    List<ServiceProcess> all = new ArrayList<>();
    if (webUi != null) {
      all.add(webUi);
      all.add(tokenService);
    }
    all.addAll(queryServices);
    all.addAll(commandServices);
    return all;
  }

  private RunningSystem startAll() {
    try {
      all().forEach(ServiceProcess::start);
      all().forEach(service -> service.awaitHealthy(START_TIMEOUT));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private static String label(String service, int instance) {
    return instance == 1 ? service : service + "-" + instance;
  }

  private ServiceProcess service(
      String label,
      String jarProperty,
      int port,
      String database,
      String topic,
      TestInfrastructure infrastructure,
      Map<String, String> secrets,
      String... extraArguments) {
    ServiceProcess.Builder builder = ServiceProcess.builder(label, jar(jarProperty));
    secrets.forEach(builder::environment);
    for (String argument : extraArguments) {
      builder.argument(argument);
    }
    TestIdentityProviders.trust().forEach(builder::argument);
    return builder
        .port(port)
        .jvmOption("-Xmx384m")
        .environment("AXONIQ_UPDATE_CHECKER_DISABLED", "true")
        .environment("SPRING_DATASOURCE_PASSWORD", infrastructure.password(database))
        .argument("--spring.datasource.url=" + infrastructure.jdbcUrl(database))
        .argument("--spring.datasource.username=" + infrastructure.username(database))
        .argument("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers())
        .argument("--service-accounts.events.topic=" + topic)
        .argument(
            "--spring.security.oauth2.resourceserver.jwt.public-key-location="
                + TestTokens.publicKeyLocation())
        .argument("--service-accounts.security.issuers.service-accounts=" + tokenIssuer)
        .argument(
            "--service-accounts.security.issuers.service-account-keys.jwk-set-uri="
                + tokenIssuer
                + "/oauth2/jwks")
        .argument("--service-accounts.security.operators=" + TestTokens.OPERATOR)
        .output(this::keep)
        .build();
  }

  private void keep(String line) {
    output.add(line);
    System.out.println(line);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("system-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path jar(String jarProperty) {
    String jar = System.getProperty(jarProperty);
    if (jar == null) {
      throw new IllegalStateException(
          "system property " + jarProperty + " names the service's jar (set by the pom)");
    }
    return Path.of(jar);
  }

  /** How many instances of which services; see {@link #builder()}. */
  static final class Builder {

    private int commandServices = 1;
    private int queryServices = 1;
    private boolean tokenServiceAndWebUi;
    private String isolation = "";

    private Builder() {}

    Builder commandServices(int instances) {
      commandServices = instances;
      return this;
    }

    Builder queryServices(int instances) {
      queryServices = instances;
      return this;
    }

    /** Also token-service and the web UI, on the command and query-service's first instances. */
    Builder withTokenServiceAndWebUi() {
      tokenServiceAndWebUi = true;
      return this;
    }

    /**
     * Databases and a query-service consumer group of its own, so that it shares no publisher
     * position, projection or partition assignment with another system in this JVM.
     */
    Builder isolated() {
      isolation = "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      return this;
    }

    /** Starts every service and waits until each is healthy. */
    RunningSystem start() {
      return new RunningSystem(this).startAll();
    }
  }
}
