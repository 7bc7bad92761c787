package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.topics.TopicsOnDemand;
import java.time.Duration;
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

  /**
   * How long a send may hold its caller (a request thread on {@code POST …/audit/checkpoints}):
   * waiting for the topic's metadata, and for the acknowledgement. A checkpoint not sent within it
   * stays unpublished and is sent again next round, so there is no point in waiting Kafka's default
   * minute.
   */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaTemplate<Object, Object> kafka;
  private final TopicsOnDemand topics;
  private final NewTopic topic;

  CheckpointTopic(
      ProducerFactory<Object, Object> producerFactory,
      TopicsOnDemand topics,
      AuditCheckpointProperties properties) {
    // A template of its own (not a bean, so the dead-letter template stays the only one): a
    // checkpoint goes out as its JSON text.
    this.kafka =
        new KafkaTemplate<>(
            producerFactory,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.LINGER_MS_CONFIG,
                0));
    this.topics = topics;
    this.topic = auditCheckpointTopic(properties);
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
    return topic.name();
  }

  /**
   * Creates the topic for the next round if a start-up that Kafka did not answer in time left it
   * missing; a failure here is kept with the send's own.
   */
  private void createTopicIfMissing(IllegalStateException refused) {
    try {
      topics.ensure(topic);
    } catch (RuntimeException e) {
      refused.addSuppressed(e);
    }
  }

  /**
   * Sends the checkpoint and waits for Kafka's acknowledgement.
   *
   * @throws IllegalStateException if Kafka did not acknowledge it within {@link #SEND_TIMEOUT}
   * @throws InterruptedException if interrupted while waiting
   */
  void send(Checkpoint checkpoint) throws InterruptedException {
    try {
      kafka
          .send(topic.name(), checkpoint.companyId().toString(), checkpoint.toJson())
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException
        | TimeoutException
        | org.springframework.kafka.KafkaException
        | org.apache.kafka.common.KafkaException e) {
      // The template throws at once when the producer gives up before sending (no metadata for
      // the topic within max.block.ms), and through the future when Kafka refuses the record.
      IllegalStateException refused =
          new IllegalStateException("Kafka did not acknowledge the checkpoint", e);
      createTopicIfMissing(refused);
      throw refused;
    }
  }
}
