package com.serviceaccounts.intake;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.ParkedRecordHeaders;
import com.serviceaccounts.events.RecordFailures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** What of a failed record is kept to publish it again: its value and headers as received. */
final class ReceivedRecord {

  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ReceivedRecord.class);
  private static final DeadLetterValueSerializer VALUES = new DeadLetterValueSerializer();

  private ReceivedRecord() {}

  /** The value as received: the bytes that did not deserialize, or the value serialized back. */
  static byte[] value(ConsumerRecord<?, ?> record, Exception failure) {
    DeserializationException undecoded =
        RecordFailures.causeOf(failure, DeserializationException.class);
    if (undecoded != null) {
      return undecoded.getData();
    }
    if (record.value() == null) {
      DeserializationException unreadable =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
      return unreadable == null ? null : unreadable.getData();
    }
    return VALUES.serialize(record.topic(), record.value());
  }

  /**
   * The headers a re-drive publishes again (the {@code ce_*} attributes of a binary CloudEvent,
   * among others): all but the deserializer's and the recoverer's own.
   */
  static byte[] headers(ConsumerRecord<?, ?> record) {
    return ParkedRecordHeaders.encode(
        record.headers(),
        key ->
            !key.startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)
                && !key.startsWith(KafkaHeaders.PREFIX + "dlt-")
                && !key.equals(FailedRecordLog.REASON_HEADER));
  }
}
