package com.serviceaccounts.token.credentials;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a failed record's value to the dead-letter topic as it came in: the raw bytes of a record
 * that did not deserialize, or the data of a CloudEvent that could not be read as an event (the
 * recoverer copies the {@code ce_*} headers). Public because Kafka instantiates it by class name.
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
    if (value instanceof CloudEvent event) {
      return event.getData() == null ? null : event.getData().toBytes();
    }
    throw new SerializationException(
        "cannot dead-letter a value of type " + value.getClass().getName());
  }
}
