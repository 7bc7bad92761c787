package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TopicReader;
import com.serviceaccounts.topics.TopicsOnDemand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A query-service whose start-up did not create the checkpoints' topic (Kafka too slow to answer
 * the admin in time) creates it when a send finds it missing, so the next round's send lands;
 * against a real broker that, like production's, creates no topic on first use.
 */
class CheckpointTopicCreatedLateIT {

  @Test
  void aSendThatFindsTheTopicMissingCreatesItForTheNextRound() throws Exception {
    String bootstrapServers = TestInfrastructure.get().kafkaBootstrapServers();
    String name = "audit-checkpoints-created-late-it";
    DefaultKafkaProducerFactory<Object, Object> producers =
        new DefaultKafkaProducerFactory<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    KafkaAdmin admin =
        new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    CheckpointTopic topic =
        new CheckpointTopic(
            producers,
            new TopicsOnDemand(admin),
            new AuditCheckpointProperties(null, null, List.of(), null, name, 1, null));
    Checkpoint checkpoint = CheckpointTopicTest.checkpoint();
    try (Admin kafka =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      assertThat(kafka.listTopics().names().get()).doesNotContain(name);

      assertThatThrownBy(() -> topic.send(checkpoint))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Kafka did not acknowledge the checkpoint");
      // The broker's metadata learns of a new topic shortly after it is created.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(kafka.listTopics().names().get()).contains(name));

      topic.send(checkpoint);
    } finally {
      producers.destroy();
    }
    List<ConsumerRecord<String, byte[]>> records = TopicReader.every(bootstrapServers, name);
    assertThat(records).hasSize(1);
    assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo(checkpoint.toJson());
  }
}
