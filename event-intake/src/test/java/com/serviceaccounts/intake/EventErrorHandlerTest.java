package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.serviceaccounts.topics.TopicsOnDemand;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.SendResult;

/**
 * What the event topics' error handler does with a record at its first failure: data the database
 * refuses as such is parked at once (no second try can pass), a violated constraint is tried again.
 */
class EventErrorHandlerTest {

  private static final ConsumerRecord<Object, Object> RECORD =
      new ConsumerRecord<>("service-account-events", 0, 42L, "company", "value");

  private final ParkedRecords parked = mock(ParkedRecords.class);
  private final Consumer<?, ?> consumer = mock(Consumer.class);
  private final MessageListenerContainer container = mock(MessageListenerContainer.class);
  private final PartitionPausingBackOff backOff = new PartitionPausingBackOff();
  private final DefaultErrorHandler handler = handler();

  @AfterEach
  void stopBackOff() throws Exception {
    backOff.destroy();
  }

  @Test
  void dataTheDatabaseRefusesAsSuchIsParkedAtItsFirstFailure() {
    failOnce(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

    verify(parked).park(eq(RECORD), any());
    verify(consumer, never()).seek(any(), any(Long.class));
  }

  @Test
  void aViolatedConstraintIsTriedAgain() {
    assertThatThrownBy(
            () -> failOnce(new SQLException("duplicate key value violates unique", "23505")))
        .hasMessage("Record in retry and not yet recovered");

    verify(parked, never()).park(any(), any());
  }

  private void failOnce(SQLException refusal) {
    when(container.isRunning()).thenReturn(true);
    handler.handleRemaining(
        new DataIntegrityViolationException("statement", refusal),
        List.of(RECORD),
        consumer,
        container);
  }

  @SuppressWarnings("unchecked")
  private DefaultErrorHandler handler() {
    KafkaTemplate<Object, Object> deadLetters = mock(KafkaTemplate.class);
    when(deadLetters.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
    EventIntakeProperties properties =
        new EventIntakeProperties(
            "service-account-events",
            new EventIntakeProperties.DeadLetter(".DLT", 1, null),
            new EventIntakeProperties.Retry(
                Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofSeconds(10)),
            Duration.ofSeconds(1));
    return new EventIntakeAutoConfiguration()
        .eventErrorHandler(
            deadLetters,
            properties,
            parked,
            mock(TopicsOnDemand.class),
            backOff,
            new IntakeSetbacks(Clock.systemUTC()));
  }
}
