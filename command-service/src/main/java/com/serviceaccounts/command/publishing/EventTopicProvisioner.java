package com.serviceaccounts.command.publishing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Makes sure the event topic exists before the first event is sent. Checked on the publisher's
 * path rather than only at start-up, so that a command-service that started while Kafka was down
 * still creates the topic once Kafka is back.
 */
@Component
class EventTopicProvisioner {

  private final KafkaAdmin admin;
  private final NewTopic topic;
  private final AtomicBoolean ready = new AtomicBoolean();

  EventTopicProvisioner(KafkaAdmin admin, EventTopicProperties properties) {
    this.admin = admin;
    this.topic =
        TopicBuilder.name(properties.topic())
            .partitions(properties.partitions())
            .replicas(properties.replicationFactor())
            .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention()))
            .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
            .build();
  }

  String topicName() {
    return topic.name();
  }

  /** Creates the topic if it is missing; after the first success this costs nothing. */
  void ensureTopic() {
    if (!ready.get()) {
      admin.createOrModifyTopics(topic);
      ready.set(true);
    }
  }
}
