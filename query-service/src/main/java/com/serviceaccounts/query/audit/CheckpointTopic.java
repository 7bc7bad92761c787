package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.Checkpoint;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The checkpoints' own Kafka topic, keyed by company, kept forever like the trail it vouches for;
 * the one class outside the intake that talks to Kafka.
 */
@Component
class CheckpointTopic {

  private final KafkaTemplate<Object, Object> kafka;
  private final String topic;

  CheckpointTopic(
      ProducerFactory<Object, Object> producerFactory, AuditCheckpointProperties properties) {
    // A template of its own (not a bean, so the dead-letter template stays the only one): a
    // checkpoint goes out as its JSON text.
    this.kafka =
        new KafkaTemplate<>(
            producerFactory,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    this.topic = properties.topic();
  }

  @Bean
  static NewTopic auditCheckpointTopic(AuditCheckpointProperties properties) {
    TopicBuilder topic =
        TopicBuilder.name(properties.topic())
            .partitions(properties.partitions())
            .config("retention.ms", "-1");
    if (properties.replicas() != null) {
      topic.replicas(properties.replicas());
    }
    return topic.build();
  }

  String name() {
    return topic;
  }

  /**
   * Sends the checkpoint and waits for Kafka's acknowledgement.
   *
   * @throws IllegalStateException if Kafka did not acknowledge it within 10 seconds
   * @throws InterruptedException if interrupted while waiting
   */
  void send(Checkpoint checkpoint) throws InterruptedException {
    try {
      kafka
          .send(topic, checkpoint.companyId().toString(), checkpoint.toJson())
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the checkpoint", e);
    }
  }
}
