package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Named so that Surefire's {@code Test*} pattern leaves it to Failsafe. */
class InfrastructureRoundTripIT {

  private static final String TOPIC = "infrastructure-round-trip";

  private final TestInfrastructure infrastructure = TestInfrastructure.get();

  @Test
  void isOneInstancePerJvm() {
    assertThat(TestInfrastructure.get()).isSameAs(infrastructure);
  }

  @Test
  void createsDatabasesOnRequestAndRunsSql() throws SQLException {
    String url = infrastructure.jdbcUrl("infrastructure_test");
    assertThat(infrastructure.jdbcUrl("infrastructure_test")).isEqualTo(url);

    try (Connection connection =
            DriverManager.getConnection(url, infrastructure.username(), infrastructure.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS note (text text NOT NULL)");
      statement.execute("INSERT INTO note VALUES ('kept')");
      try (ResultSet rows =
          statement.executeQuery("SELECT current_database(), count(*) FROM note")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("infrastructure_test");
        assertThat(rows.getInt(2)).isPositive();
      }
    }
  }

  @Test
  void deliversRecordsBeforeDuringAndAfterAKafkaOutage() throws Exception {
    String bootstrapServers = infrastructure.kafkaBootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
      producer.send(new ProducerRecord<>(TOPIC, "account-1", "before")).get(30, TimeUnit.SECONDS);

      infrastructure.stopKafka();
      // Without a broker, send() itself blocks until it has fresh metadata: send from elsewhere.
      CompletableFuture<Future<RecordMetadata>> sentWhileDown =
          CompletableFuture.supplyAsync(
              () -> producer.send(new ProducerRecord<>(TOPIC, "account-1", "during")));
      infrastructure.startKafka();
      sentWhileDown.get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);

      producer.send(new ProducerRecord<>(TOPIC, "account-1", "after")).get(30, TimeUnit.SECONDS);
    }

    assertThat(infrastructure.kafkaBootstrapServers()).isEqualTo(bootstrapServers);
    assertThat(readAll(bootstrapServers, 3)).containsExactly("before", "during", "after");
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  private static List<String> readAll(String bootstrapServers, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
