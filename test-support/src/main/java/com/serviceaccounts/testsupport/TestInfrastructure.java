package com.serviceaccounts.testsupport;

import com.serviceaccounts.localstack.PostgresDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL and a real Kafka broker for integration tests, shared by all tests of a JVM.
 *
 * <p>{@link #get()} starts them on first use: in Docker containers (Testcontainers) when a Docker
 * engine is available, otherwise as embedded servers from local-stack, the same ones the local
 * launcher runs. Tests see no difference. Set {@code TEST_INFRASTRUCTURE} (system property or
 * environment variable) to {@code embedded} or {@code containers} to choose instead.
 *
 * <p>Nobody closes it by hand: when the test run ends, the Spring test contexts that may still use
 * it are closed first and the servers after them (see {@link InfrastructureSessionListener}).
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.get().registerSpringProperties(registry, "command_service");
 * }
 * }</pre>
 *
 * <p>The same call works inside a {@code DynamicPropertyRegistrar} bean of a shared test
 * configuration. Test classes that declare the same {@code @DynamicPropertySource} method (for
 * example in a common superclass) share one cached Spring context.
 */
public interface TestInfrastructure {

  /** The JVM-wide instance, started on the first call. */
  static TestInfrastructure get() {
    return SharedInfrastructure.get();
  }

  /**
   * The JDBC URL of a database, created empty on first request, owned by a role of the same name
   * ({@link #username(String)}) that may connect to no other database: each service's tests use
   * their own database and role, as each service does in production.
   *
   * @param database lower-case letters, digits and underscores
   */
  String jdbcUrl(String database);

  /** The superuser, for set-up and assertions that a service's own role could not make. */
  String username();

  String password();

  /**
   * {@code database} (made as by {@link #jdbcUrl}) for the superuser: for tests of what works below
   * a service, on tables they make themselves.
   */
  default DataSource superuserDataSource(String database) {
    return PostgresDatabases.dataSource(jdbcUrl(database), username(), password());
  }

  /** The role that owns {@code database} (made by {@link #jdbcUrl}), and a service uses. */
  default String username(String database) {
    return PostgresDatabases.requireValidName(database);
  }

  default String password(String database) {
    return PostgresDatabases.developmentPassword(database);
  }

  /** The value for {@code bootstrap.servers}; it stays the same across {@link #stopKafka()}. */
  String kafkaBootstrapServers();

  /**
   * Makes the broker unreachable until {@link #startKafka()}, to test what happens while Kafka is
   * down. Topics and records stay.
   */
  void stopKafka();

  /** Brings the broker back on the same address; does nothing if it runs. */
  void startKafka();

  /**
   * Points a Spring Boot test at this infrastructure: {@code spring.datasource.url}, {@code
   * .username}, {@code .password} for {@code database} and its own role, {@code
   * spring.kafka.bootstrap-servers}, the public key that verifies {@link TestTokens}, {@link
   * TestTokens#OPERATOR} as the one operator, and {@link TestServiceCredentials#QUERY_SERVICE} as a
   * credential command-service accepts at its {@code /internal} API.
   */
  default void registerSpringProperties(DynamicPropertyRegistry registry, String database) {
    springProperties(database).forEach(registry::add);
  }

  /**
   * The settings of {@link #registerSpringProperties} as command-line arguments, for a service that
   * a test starts itself with {@code SpringApplication}.
   */
  default List<String> springArguments(String database) {
    return springProperties(database).entrySet().stream()
        .map(property -> "--" + property.getKey() + "=" + property.getValue().get())
        .toList();
  }

  private Map<String, Supplier<Object>> springProperties(String database) {
    Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", () -> jdbcUrl(database));
    properties.put("spring.datasource.username", () -> username(database));
    properties.put("spring.datasource.password", () -> password(database));
    properties.put("spring.kafka.bootstrap-servers", this::kafkaBootstrapServers);
    properties.put(
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        TestTokens::publicKeyLocation);
    properties.put("service-accounts.security.operators", () -> TestTokens.OPERATOR);
    properties.put(
        TestServiceCredentials.SERVER_PROPERTY_PREFIX + TestServiceCredentials.QUERY_SERVICE,
        TestServiceCredentials::queryServiceHash);
    return properties;
  }
}
