package com.serviceaccounts.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The event topic is command-service's: it creates it, with the configured shape, at start-up. */
@Configuration(proxyBeanMethods = false)
class EventTopicConfiguration {

  @Bean
  NewTopic eventTopic(EventTopicProperties properties) {
    return TopicBuilder.name(properties.topic())
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention()))
        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
        .build();
  }
}
