package com.serviceaccounts.topics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates a topic, if it is missing, before the first record is written to it. Spring's {@link
 * KafkaAdmin} creates the declared topics at start-up only, and gives up when Kafka does not answer
 * within its operation timeout (Kafka down, or a broker slow under load); without this, a service
 * that started so could never write to its own topics: command-service could not publish its
 * events, and a record that cannot be handled could not be parked, and would be retried forever in
 * front of every record behind it.
 */
public final class TopicsOnDemand {

  private final KafkaAdmin admin;
  private final Set<String> present = ConcurrentHashMap.newKeySet();

  public TopicsOnDemand(KafkaAdmin admin) {
    this.admin = admin;
  }

  /**
   * Makes sure {@code topic} exists; after the first success for that topic this costs nothing.
   *
   * @throws org.springframework.kafka.KafkaException when Kafka cannot be reached: the caller tries
   *     again later, as with any write that failed
   */
  public void ensure(NewTopic topic) {
    if (!present.contains(topic.name())) {
      admin.createOrModifyTopics(topic);
      present.add(topic.name());
    }
  }
}
