package com.serviceaccounts.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/** A consumer's offset commits: how many it sent, and what its group has committed of a topic. */
public final class ConsumerOffsets {

  private ConsumerOffsets() {}

  /**
   * The offset commits the consumers sent, by their own metrics ({@code commit-total}).
   *
   * @param metrics each consumer's metrics, by client id (a spring-kafka container's {@code
   *     metrics()})
   */
  public static double commits(Map<String, Map<MetricName, ? extends Metric>> metrics) {
    return metrics.values().stream()
        .flatMap(consumer -> consumer.entrySet().stream())
        .filter(
            metric ->
                metric.getKey().name().equals("commit-total")
                    && metric.getKey().group().equals("consumer-coordinator-metrics"))
        .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
        .sum();
  }

  /** The offsets {@code group} has committed of {@code topic}'s partitions, by partition. */
  public static Map<TopicPartition, Long> committed(String group, String topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(offset -> offset.getKey().topic().equals(topic))
          .collect(Collectors.toMap(Map.Entry::getKey, offset -> offset.getValue().offset()));
    }
  }

  /** The end offsets of {@code topic}'s partitions that hold records, by partition. */
  public static Map<TopicPartition, Long> ends(String topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      partition -> new TopicPartition(topic, partition.partition()),
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
