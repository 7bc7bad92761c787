package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.UnreadableEventException;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The records of a poll read as events, up to the first that is not a readable event: a batch
 * listener applies {@code events} and hands {@code unreadable}, the record at index {@code
 * events.size()}, to the error handler, which parks it.
 *
 * @param records the poll's records
 * @param events the events of the records before the first unreadable one
 * @param unreadable why that record is not a readable event; null if every record is
 */
public record EventPoll(
    List<ConsumerRecord<String, CloudEvent>> records,
    List<EventEnvelope> events,
    RuntimeException unreadable) {

  private static final EventEnvelopeCodec CODEC = new EventEnvelopeCodec();
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EventPoll.class);

  public static EventPoll read(List<ConsumerRecord<String, CloudEvent>> records) {
    List<EventEnvelope> events = new ArrayList<>(records.size());
    for (ConsumerRecord<String, CloudEvent> record : records) {
      try {
        events.add(read(record));
      } catch (DeserializationException | UnreadableEventException e) {
        return new EventPoll(records, events, e);
      }
    }
    return new EventPoll(records, events, null);
  }

  /**
   * Hands the first record of the poll that was not applied to the error handler: the event that
   * waits, if one does, else the unreadable record; nothing if every event was applied.
   *
   * @param outcome what became of the poll's events
   * @throws BatchListenerFailedException naming that record
   */
  public void throwIfStopped(PollTransactions.Outcome<?> outcome) {
    RuntimeException waiting = outcome.waiting();
    if (waiting != null) {
      // Named by its record, so that only its partition backs off (PartitionPausingBackOff).
      throw new BatchListenerFailedException(
          waiting.getMessage(), waiting, records.get(outcome.firstWaiting()));
    }
    if (unreadable != null) {
      throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, events.size());
    }
  }

  /**
   * @throws DeserializationException if the record did not deserialize (ErrorHandlingDeserializer
   *     left the exception, with the record's bytes, in a header)
   * @throws UnreadableEventException if it is not an event this service knows
   * @throws MisKeyedRecordException if its key is not its company
   */
  private static EventEnvelope read(ConsumerRecord<String, CloudEvent> record) {
    if (record.value() == null) {
      DeserializationException failed =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
      if (failed != null) {
        throw failed;
      }
      throw new UnreadableEventException("record at offset " + record.offset() + " has no value");
    }
    EventEnvelope event = CODEC.fromCloudEvent(record.value());
    if (!event.companyId().toString().equals(record.key())) {
      throw new MisKeyedRecordException(event);
    }
    return event;
  }
}
