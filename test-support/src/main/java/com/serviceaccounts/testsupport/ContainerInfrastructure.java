package com.serviceaccounts.testsupport;

import com.serviceaccounts.localstack.PostgresDatabases;
import javax.sql.DataSource;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Kafka in Docker containers, for machines with a Docker engine (CI runners, most
 * laptops). Configured like the embedded servers: topics are not auto-created, consumer groups
 * start without delay, and stopping Kafka keeps its address.
 */
final class ContainerInfrastructure implements ManagedInfrastructure {

  private static final String POSTGRES_IMAGE = "postgres:17-alpine";

  private static final int POSTGRES_PORT = 5432;

  private final PostgreSQLContainer postgres;

  private final KafkaContainer kafka;

  private boolean kafkaPaused;

  private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka) {
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static ContainerInfrastructure start() {
    PostgreSQLContainer postgres =
        new PostgreSQLContainer(POSTGRES_IMAGE).withUsername("postgres").withPassword("postgres");
    // The broker image follows the kafka-clients version that Spring Boot manages.
    KafkaContainer kafka =
        new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion())
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    Startables.deepStart(postgres, kafka).join();
    return new ContainerInfrastructure(postgres, kafka);
  }

  @Override
  public String jdbcUrl(String database) {
    PostgresDatabases.createIfMissing(this::superuser, database);
    return url(database);
  }

  private String url(String database) {
    return "jdbc:postgresql://"
        + postgres.getHost()
        + ":"
        + postgres.getMappedPort(POSTGRES_PORT)
        + "/"
        + database;
  }

  private DataSource superuser(String database) {
    return PostgresDatabases.dataSource(url(database), username(), password());
  }

  @Override
  public String username() {
    return postgres.getUsername();
  }

  @Override
  public String password() {
    return postgres.getPassword();
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  /**
   * Pauses the container rather than stopping it: a stopped container comes back on a new mapped
   * port that neither the clients nor the broker's advertised listener know.
   */
  @Override
  public synchronized void stopKafka() {
    if (!kafkaPaused) {
      DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
      kafkaPaused = true;
    }
  }

  @Override
  public synchronized void startKafka() {
    if (kafkaPaused) {
      DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
      kafkaPaused = false;
    }
  }

  @Override
  public void close() {
    try {
      startKafka();
      kafka.stop();
    } finally {
      postgres.stop();
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL ("
        + POSTGRES_IMAGE
        + ") and Kafka ("
        + kafka.getDockerImageName()
        + ") in containers";
  }
}
