package com.serviceaccounts.query.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.UnreadableEventException;
import com.serviceaccounts.intake.ParkedRecords;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Reads and applies the JSON records of the side topics ({@link JsonTopicListener}). A record that
 * is not what the topic carries, or holds what no service writes, is unreadable: no service writes
 * such a record, and retrying it cannot change it, so the error handler parks it ({@link
 * ParkedRecords}).
 */
@Component
class JsonRecords {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final ParkedRecords parked;

  JsonRecords(ParkedRecords parked) {
    this.parked = parked;
  }

  /**
   * Hands the record, read as a {@code type} without a {@code defect}, to {@code apply}; a
   * re-driven parked record that is then applied leaves the parked ones, and one discarded since it
   * was re-driven is not applied ({@link ParkedRecords#requireNotDiscarded}).
   *
   * @param defect what is wrong with a read value, or {@code null}
   * @throws UnreadableEventException if the record is not a {@code type}, or has a defect
   */
  <T> void apply(
      ConsumerRecord<String, String> record,
      Class<T> type,
      Function<T, String> defect,
      Consumer<T> apply) {
    T value = read(record, type, defect);
    parked.requireNotDiscarded(record);
    apply.accept(value);
    parked.applied(record);
  }

  private static <T> T read(
      ConsumerRecord<String, String> record, Class<T> type, Function<T, String> defect) {
    T value;
    try {
      value = record.value() == null ? null : JSON.readValue(record.value(), type);
    } catch (IOException | IllegalArgumentException unreadable) {
      throw new UnreadableEventException(
          where(record) + " is not a " + type.getSimpleName(), unreadable);
    }
    String wrong = value == null ? "it is null" : defect.apply(value);
    if (wrong != null) {
      throw new UnreadableEventException(
          where(record) + " is not a " + type.getSimpleName() + " any service writes: " + wrong);
    }
    return value;
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
