package com.serviceaccounts.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic read from its first record, outside any consumer group, as any Kafka client reads it:
 * keys as strings, values as bytes.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  /** Reads {@code topic}, which must exist, of the broker at {@code bootstrapServers}. */
  public TopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(partition -> new TopicPartition(topic, partition.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Every record on the topic now, from its first. */
  public static List<ConsumerRecord<String, byte[]>> every(String bootstrapServers, String topic) {
    try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
      return reader.toTheEnd();
    }
  }

  /** Every record read so far, after polling for more for up to {@code wait}. */
  public List<ConsumerRecord<String, byte[]>> poll(Duration wait) {
    consumer.poll(wait).forEach(seen::add);
    return List.copyOf(seen);
  }

  /** Every record read so far, after reading on to the topic's end as it is now. */
  public List<ConsumerRecord<String, byte[]>> toTheEnd() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (partitions.stream()
        .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
      consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
