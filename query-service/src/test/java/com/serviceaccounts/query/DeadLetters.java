package com.serviceaccounts.query;

import com.serviceaccounts.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the dead-letter topic from its beginning, outside any consumer group. */
final class DeadLetters implements AutoCloseable {

  private final TopicReader reader;

  DeadLetters(String bootstrapServers, String topic) {
    reader = new TopicReader(bootstrapServers, topic);
  }

  /** Every dead letter with this key read so far, after one more poll. */
  List<ConsumerRecord<String, byte[]>> withKey(String key) {
    return reader.poll(Duration.ofMillis(500)).stream()
        .filter(record -> key.equals(record.key()))
        .toList();
  }

  @Override
  public void close() {
    reader.close();
  }
}
