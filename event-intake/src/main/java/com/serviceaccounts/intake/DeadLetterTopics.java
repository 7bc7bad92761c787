package com.serviceaccounts.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates a dead-letter topic, if it is missing, before the first record is parked on it. Spring's
 * {@link KafkaAdmin} creates the declared topics at start-up only, and gives up when Kafka does not
 * answer within its operation timeout (Kafka down, or a broker slow under load); without this, a
 * record that cannot be handled could not be parked either, and would be retried forever in front
 * of every record behind it.
 */
final class DeadLetterTopics {

  private final KafkaAdmin admin;
  private final EventIntakeProperties properties;
  private final Set<String> present = ConcurrentHashMap.newKeySet();

  DeadLetterTopics(KafkaAdmin admin, EventIntakeProperties properties) {
    this.admin = admin;
    this.properties = properties;
  }

  /**
   * Makes sure the dead-letter topic of {@code consumedTopic} exists; after the first success for
   * that topic this costs nothing. When Kafka cannot be reached it throws, and the record is tried
   * again like any record whose handling failed.
   */
  void ensureFor(String consumedTopic) {
    String name = properties.deadLetterTopic(consumedTopic);
    if (!present.contains(name)) {
      NewTopic topic = EventIntakeAutoConfiguration.deadLetterTopic(consumedTopic, properties);
      admin.createOrModifyTopics(topic);
      present.add(name);
    }
  }
}
