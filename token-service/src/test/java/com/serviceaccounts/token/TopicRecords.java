package com.serviceaccounts.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.testsupport.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads one of the topics the token service writes, from the start, as its JSON values. */
final class TopicRecords<T> implements AutoCloseable {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final TopicReader reader;
  private final Class<T> type;

  TopicRecords(String bootstrapServers, String topic, Class<T> type) {
    this.type = type;
    reader = new TopicReader(bootstrapServers, topic);
  }

  /** Every record read so far, after polling for more for up to {@code wait}. */
  List<Keyed<T>> poll(Duration wait) {
    return reader.poll(wait).stream().map(this::keyed).toList();
  }

  /** The records read so far whose value is {@code matching}, after polling as {@link #poll}. */
  List<Keyed<T>> poll(Duration wait, Predicate<? super T> matching) {
    return poll(wait).stream().filter(record -> matching.test(record.value())).toList();
  }

  private Keyed<T> keyed(ConsumerRecord<String, byte[]> record) {
    try {
      return new Keyed<>(record.key(), JSON.readValue(record.value(), type));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    reader.close();
  }

  record Keyed<T>(String key, T value) {}
}
