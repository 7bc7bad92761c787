package com.serviceaccounts.command.publishing;

import com.serviceaccounts.events.EventTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The event topic, as command-service creates it at start-up (if it does not exist yet).
 *
 * @param topic the topic name
 * @param partitions how many partitions: the upper bound on query-service consumers that share the
 *     load; one account's events always land on one partition
 * @param replicationFactor copies of each partition (1 on a single local broker, 3 in production)
 * @param retention {@code retention.ms} of the topic; -1 keeps events for ever, so that a new
 *     consumer can still build its projections from the topic alone
 */
@ConfigurationProperties("service-accounts.events")
record EventTopicProperties(
    String topic, Integer partitions, Short replicationFactor, Long retention) {

  EventTopicProperties {
    topic = topic == null ? EventTopic.DEFAULT_NAME : topic;
    partitions = partitions == null ? 6 : partitions;
    replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    retention = retention == null ? -1L : retention;
  }
}
