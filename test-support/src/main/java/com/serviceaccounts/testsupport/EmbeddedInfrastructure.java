package com.serviceaccounts.testsupport;

import com.serviceaccounts.localstack.EmbeddedPostgresServer;
import com.serviceaccounts.localstack.KafkaKraftBroker;
import com.serviceaccounts.localstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * PostgreSQL and Kafka inside this JVM (Kafka) and as a child process (PostgreSQL), from
 * local-stack's embedded servers. Data lives in a temporary directory that is deleted on close;
 * ports are random, so tests never meet a running local stack.
 */
final class EmbeddedInfrastructure implements ManagedInfrastructure {

  private final Path directory;

  private final EmbeddedPostgresServer postgres;

  private final KafkaKraftBroker kafka;

  private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

  private EmbeddedInfrastructure(
      Path directory, EmbeddedPostgresServer postgres, KafkaKraftBroker kafka) {
    this.directory = directory;
    this.postgres = postgres;
    this.kafka = kafka;
  }

  /** Starts both servers side by side: PostgreSQL mostly waits on its own process. */
  static EmbeddedInfrastructure start() {
    Path directory = createTemporaryDirectory();
    CompletableFuture<EmbeddedPostgresServer> postgres =
        CompletableFuture.supplyAsync(
            () -> EmbeddedPostgresServer.start(directory.resolve("postgres"), Ports.anyFree()));
    KafkaKraftBroker kafka = new KafkaKraftBroker(directory.resolve("kafka"), Ports.anyFree());
    try {
      kafka.start();
      return new EmbeddedInfrastructure(directory, postgres.join(), kafka);
    } catch (RuntimeException e) {
      kafka.close();
      postgres.thenAccept(EmbeddedPostgresServer::close);
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause
          ? cause
          : e;
    }
  }

  @Override
  public String jdbcUrl(String database) {
    if (!createdDatabases.contains(database)) {
      postgres.createDatabaseIfMissing(database);
      createdDatabases.add(database);
    }
    return postgres.jdbcUrl(database);
  }

  @Override
  public String username() {
    return postgres.username();
  }

  @Override
  public String password() {
    return postgres.password();
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public void stopKafka() {
    kafka.stop();
  }

  @Override
  public void startKafka() {
    kafka.start();
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      postgres.close();
      deleteRecursively(directory);
    }
  }

  @Override
  public String toString() {
    return "Embedded PostgreSQL on port "
        + postgres.port()
        + " and Kafka on "
        + kafka.bootstrapServers();
  }

  private static Path createTemporaryDirectory() {
    try {
      return Files.createTempDirectory("test-infrastructure-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create a directory for PostgreSQL and Kafka data", e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover directory under the system's temp folder does no harm.
    }
  }
}
