package com.serviceaccounts.query.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the JSON records of the side topics (security entries, usage reports). A record that is not
 * what the topic carries, or lacks what it must have, is logged and skipped: no service writes such
 * a record, and retrying it cannot change it.
 */
final class JsonRecords {

  private static final Logger log = LoggerFactory.getLogger(JsonRecords.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  private JsonRecords() {}

  static <T> Optional<T> read(
      ConsumerRecord<String, String> record, Class<T> type, Predicate<T> complete) {
    try {
      T value = JSON.readValue(record.value(), type);
      if (value != null && complete.test(value)) {
        return Optional.of(value);
      }
      log.error("{} is an incomplete {}; skipped", where(record), type.getSimpleName());
    } catch (IOException | IllegalArgumentException unreadable) {
      log.error(
          "{} is not a {}; skipped: {}",
          where(record),
          type.getSimpleName(),
          unreadable.getMessage());
    }
    return Optional.empty();
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
