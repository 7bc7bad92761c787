package com.serviceaccounts.intake;

import com.serviceaccounts.events.RecordFailures;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Backs off from a record that failed by pausing its partition for the back-off, not the consumer:
 * a service reads every partition of a topic on one consumer thread, and spring-kafka's own
 * back-off sleeps that thread, so that one record waiting for its predecessor held up every other
 * company's records. The failed record is read again when its partition resumes (the error handler
 * has sought back to it). A failure that names no record (the whole batch) still sleeps.
 */
final class PartitionPausingBackOff implements BackOffHandler, DisposableBean {

  private final DefaultBackOffHandler sleeping = new DefaultBackOffHandler();
  private final ThreadPoolTaskScheduler resumer = new ThreadPoolTaskScheduler();
  private final ListenerContainerPauseService pauses;

  PartitionPausingBackOff() {
    resumer.setThreadNamePrefix("partition-back-off-");
    resumer.initialize();
    pauses = new ListenerContainerPauseService(null, resumer);
  }

  @Override
  public void onNextBackOff(
      @Nullable MessageListenerContainer container,
      @Nullable Exception exception,
      long nextBackOff) {
    ConsumerRecord<?, ?> failed = failedRecord(exception);
    if (container == null || failed == null) {
      sleeping.onNextBackOff(container, exception, nextBackOff);
      return;
    }
    pauses.pausePartition(
        container,
        new TopicPartition(failed.topic(), failed.partition()),
        Duration.ofMillis(nextBackOff));
  }

  /** The record a batch listener named as the one that failed; null if it named none. */
  private static ConsumerRecord<?, ?> failedRecord(@Nullable Throwable failure) {
    BatchListenerFailedException batch =
        RecordFailures.causeOf(failure, BatchListenerFailedException.class);
    return batch == null ? null : batch.getRecord();
  }

  @Override
  public void destroy() {
    resumer.shutdown();
  }
}
