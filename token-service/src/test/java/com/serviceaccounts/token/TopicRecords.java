package com.serviceaccounts.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one of the topics the token service writes, from the start, as a new consumer group. */
final class TopicRecords<T> implements AutoCloseable {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final KafkaConsumer<String, byte[]> consumer;
  private final Class<T> type;
  private final List<Keyed<T>> seen = new ArrayList<>();

  TopicRecords(String bootstrapServers, String topic, Class<T> type) {
    this.type = type;
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "token-service-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Every record read so far, after polling for more for up to {@code wait}. */
  List<Keyed<T>> poll(Duration wait) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
      try {
        seen.add(new Keyed<>(record.key(), JSON.readValue(record.value(), type)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }

  record Keyed<T>(String key, T value) {}
}
