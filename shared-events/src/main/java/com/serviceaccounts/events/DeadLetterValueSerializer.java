package com.serviceaccounts.events;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a failed record's value back to the dead-letter topic as it came in: the raw bytes of a
 * record that did not deserialize, the data of a CloudEvent that did but could not be applied, or
 * the UTF-8 text of a side topic's JSON record (security entries, usage reports). The recoverer
 * copies the original {@code ce_*} headers, so a binary-mode CloudEvent arrives on the dead-letter
 * topic intact. Every consumer of the event topic (query-service, token-service) dead-letters with
 * it. Public because Kafka instantiates it by class name.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

  @Override
  public byte[] serialize(String topic, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof CloudEvent event) {
      return event.getData() == null ? null : event.getData().toBytes();
    }
    throw new SerializationException(
        "cannot dead-letter a value of type " + value.getClass().getName());
  }
}
