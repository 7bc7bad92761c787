package com.serviceaccounts.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/** A consumer's offset commits: how many it sends, and whether its group has committed a topic. */
public final class ConsumerOffsets {

  private ConsumerOffsets() {}

  /**
   * The offset commits consumers send from now on.
   *
   * @param metrics each consumer's metrics, by client id (a spring-kafka container's {@code
   *     metrics})
   */
  public static Count count(Supplier<Map<String, Map<MetricName, ? extends Metric>>> metrics) {
    return new Count(metrics, commits(metrics.get()), System.nanoTime());
  }

  /** The offset commits consumers sent since {@link #count}, and the seconds since. */
  public record Count(
      Supplier<Map<String, Map<MetricName, ? extends Metric>>> metrics,
      double before,
      long startedNanos) {

    public double commits() {
      return ConsumerOffsets.commits(metrics.get()) - before;
    }

    public double seconds() {
      return (System.nanoTime() - startedNanos) / 1e9;
    }
  }

  /** Whether {@code group} has committed every record of {@code topic}. */
  public static boolean committedToTheEnd(String group, String topic)
      throws ExecutionException, InterruptedException {
    return committed(group, topic).equals(ends(topic));
  }

  /** The offset commits the consumers sent, by their own metrics ({@code commit-total}). */
  private static double commits(Map<String, Map<MetricName, ? extends Metric>> metrics) {
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
  private static Map<TopicPartition, Long> committed(String group, String topic)
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
  private static Map<TopicPartition, Long> ends(String topic)
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
