package com.serviceaccounts.command.publishing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Makes sure the event topic exists before the first event is sent. Spring's {@link KafkaAdmin}
 * creates it at start-up from the {@link NewTopic} bean; checking again on the publisher's path
 * covers a command-service that started while Kafka was down.
 */
@Component
class EventTopicProvisioner {

  private final KafkaAdmin admin;
  private final NewTopic topic;
  private final AtomicBoolean ready = new AtomicBoolean();

  EventTopicProvisioner(KafkaAdmin admin, @Qualifier("eventTopic") NewTopic eventTopic) {
    this.admin = admin;
    this.topic = eventTopic;
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
