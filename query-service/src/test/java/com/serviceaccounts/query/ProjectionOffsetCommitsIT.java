package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The projections' consumer commits its offsets at most once a second, not once a poll: when the
 * broker answers commits slower than polls come, commits sent once a poll queue up in the client
 * without bound and time out together. What it consumed is still committed, a second later.
 */
class ProjectionOffsetCommitsIT extends QueryServiceIntegrationTest {

  private static final String PROJECTIONS = "service-account-projections";

  private static final int EVENTS = 30;

  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void pollsOneEventEachAreCommittedAtMostOnceASecondAndAllOfThemInTheEnd() throws Exception {
    MessageListenerContainer container = listeners.getListenerContainer(PROJECTIONS);
    double commitsBefore = commits(container);
    long started = System.nanoTime();

    // One event at a time, each visible before the next is sent: a poll each.
    for (int i = 0; i < EVENTS; i++) {
      projectedAccount("One of " + EVENTS);
    }

    double seconds = (System.nanoTime() - started) / 1e9;
    double commits = commits(container) - commitsBefore;
    assertThat(commits).isLessThanOrEqualTo(Math.ceil(seconds) + 1);
    eventually()
        .untilAsserted(() -> assertThat(committed(container.getGroupId())).isEqualTo(endOffsets()));
  }

  private static double commits(MessageListenerContainer container) {
    return container.metrics().values().stream()
        .flatMap(metrics -> metrics.entrySet().stream())
        .filter(metric -> isCommitTotal(metric.getKey()))
        .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
        .sum();
  }

  private static boolean isCommitTotal(MetricName name) {
    return name.name().equals("commit-total")
        && name.group().equals("consumer-coordinator-metrics");
  }

  private static Map<TopicPartition, Long> committed(String group) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(offset -> offset.getKey().topic().equals(TOPIC))
          .collect(Collectors.toMap(Map.Entry::getKey, offset -> offset.getValue().offset()));
    }
  }

  private static Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> partitions =
          admin
              .describeTopics(List.of(TOPIC))
              .allTopicNames()
              .get()
              .get(TOPIC)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      partition -> new TopicPartition(TOPIC, partition.partition()),
                      partition -> OffsetSpec.latest()));
      return admin.listOffsets(partitions).all().get().entrySet().stream()
          .filter(end -> end.getValue().offset() > 0)
          .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.get().kafkaBootstrapServers()));
  }
}
