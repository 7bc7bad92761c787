package com.serviceaccounts.query.audit;

import com.serviceaccounts.query.security.SecurityEntries;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/** Signed checkpoints: the keys, the rounds that make them, and their topic. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AuditCheckpointProperties.class)
class AuditCheckpointConfiguration {

  @Bean
  CheckpointKeys checkpointKeys(AuditCheckpointProperties properties) {
    return new CheckpointKeys(properties);
  }

  /** The checkpoints' own topic, keyed by company; kept forever, like the trail it vouches for. */
  @Bean
  NewTopic auditCheckpointTopic(AuditCheckpointProperties properties) {
    TopicBuilder topic =
        TopicBuilder.name(properties.topic())
            .partitions(properties.partitions())
            .config("retention.ms", "-1");
    if (properties.replicas() != null) {
      topic.replicas(properties.replicas());
    }
    return topic.build();
  }

  @Bean
  AuditCheckpoints auditCheckpoints(
      CheckpointRepository checkpoints,
      AuditTrailRepository auditEntries,
      SecurityEntries securityEntries,
      CheckpointKeys keys,
      ProducerFactory<Object, Object> producerFactory,
      AuditCheckpointProperties properties,
      TransactionTemplate transaction) {
    // A template of its own (not a bean, so the dead-letter template stays the only one): a
    // checkpoint goes out as its JSON text.
    KafkaTemplate<Object, Object> kafka =
        new KafkaTemplate<>(
            producerFactory,
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    return new AuditCheckpoints(
        checkpoints,
        auditEntries,
        securityEntries,
        keys,
        kafka,
        properties.topic(),
        transaction,
        Clock.systemUTC());
  }
}
