package com.serviceaccounts.intake;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * How an event-topic listener's consumer commits its offsets and fetches.
 *
 * <p>It commits without waiting for the broker, and at most once a {@code commit-interval}. A
 * poll's effects are committed in the database first, and a record delivered again after a crash or
 * a rebalance is skipped as a duplicate, so an offset commit that is late or lost costs a
 * redelivery, never an event. Waiting for each commit took a fifth of the consumer thread's time,
 * which every event behind it waited for too; and a commit sent once a poll, with nothing waited
 * for, queues up in the client without bound whenever the broker answers commits slower than polls
 * come (thousands timed out together under load).
 *
 * <p>It asks the broker to hold a fetch for at most {@value #FETCH_MAX_WAIT_MS} ms when there is
 * nothing new. After a record is set aside the consumer seeks past it and fetches again, and that
 * fetch waits for the one in flight: at Kafka's default of 500 ms, while the other partitions had
 * nothing, the consumer set aside two unreadable records a second, and a few hundred of them kept
 * the accounts behind them on the partition from their first tokens for over a minute. Idle, it
 * costs the broker 20 fetches a second instead of 2.
 */
final class EventTopicConsumers
    implements ContainerPostProcessor<
        Object, Object, AbstractMessageListenerContainer<Object, Object>> {

  static final int FETCH_MAX_WAIT_MS = 50;

  private final EventIntakeProperties properties;

  EventTopicConsumers(EventIntakeProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
    ContainerProperties consumer = container.getContainerProperties();
    consumer.setSyncCommits(false);
    consumer.setAckMode(ContainerProperties.AckMode.TIME);
    consumer.setAckTime(properties.commitInterval().toMillis());
    consumer
        .getKafkaConsumerProperties()
        .setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(FETCH_MAX_WAIT_MS));
  }
}
