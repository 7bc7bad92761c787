package com.serviceaccounts.command.publishing;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.topics.TopicsOnDemand;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The event topic and the security topic are command-service's: it creates them, with the
 * configured shape, at start-up, and the publisher makes sure again before its first event ({@link
 * TopicsOnDemand}), for a command-service that started while Kafka was down.
 */
@Configuration(proxyBeanMethods = false)
class EventTopicConfiguration {

  @Bean
  NewTopic eventTopic(EventTopicProperties properties) {
    return topic(properties.topic(), properties);
  }

  /** Refused attempts, kept as long as the events (their audit trail has no other source). */
  @Bean
  NewTopic securityTopic(
      EventTopicProperties properties,
      @Value("${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
          String name) {
    return topic(name, properties);
  }

  @Bean
  TopicsOnDemand topicsOnDemand(KafkaAdmin admin) {
    return new TopicsOnDemand(admin);
  }

  private static NewTopic topic(String name, EventTopicProperties properties) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention()))
        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
        .build();
  }
}
