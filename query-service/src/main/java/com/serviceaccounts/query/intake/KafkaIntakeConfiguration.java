package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record a listener (events, security entries, usage reports) cannot handle. A
 * failure that may pass ({@link RecordFailures}: a version gap, the database being down, a
 * deadlock) is retried with a growing back-off and never skipped: a projection that skipped an
 * event would be silently wrong forever. A failure that will not pass (the database refusing the
 * data, an unreadable record) is retried a few times, then the record is parked: it goes to {@code
 * <topic>.DLT} with the reason in spring-kafka's {@code kafka_dlt-exception-*} headers and in
 * {@value DeadLetterRecords#REASON} (exception and cause), and into {@link ParkedRecords}, and the
 * consumer moves on. An event of a company with a parked event is parked behind it at once.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfiguration {

  /** The command side owns the event topic; the dead-letter topic is ours. */
  @Bean
  NewTopic deadLetterTopic(EventIntakeProperties properties) {
    TopicBuilder topic =
        TopicBuilder.name(properties.deadLetterTopic())
            .partitions(properties.deadLetter().partitions());
    if (properties.deadLetter().replicas() != null) {
      topic.replicas(properties.deadLetter().replicas());
    }
    return topic.build();
  }

  /**
   * Boot's producer settings, with a value serializer that writes failed records back unchanged.
   */
  @Bean
  KafkaTemplate<Object, Object> deadLetterTemplate(
      ProducerFactory<Object, Object> producerFactory) {
    return new KafkaTemplate<>(
        producerFactory,
        Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class));
  }

  /**
   * The projections' consumer commits its offsets without waiting for the broker: a batch's effects
   * are committed in the database first, and a record delivered again after a crash or a rebalance
   * is recognised as a duplicate by its company sequence, so an offset commit that is lost costs a
   * redelivery, never an event. Waiting for each commit was a fifth of the consumer thread's time,
   * which every event behind it waited for too.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      projectionsCommitAsynchronously() {
    return container -> {
      if (ServiceAccountEventListener.LISTENER_ID.equals(container.getListenerId())) {
        container.getContainerProperties().setSyncCommits(false);
      }
    };
  }

  @Bean
  NewTopic securityDeadLetterTopic(
      @Value("${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
          String topic,
      EventIntakeProperties properties) {
    return sideDeadLetterTopic(topic, properties);
  }

  @Bean
  NewTopic usageDeadLetterTopic(
      @Value("${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}") String topic,
      EventIntakeProperties properties) {
    return sideDeadLetterTopic(topic, properties);
  }

  private static NewTopic sideDeadLetterTopic(String topic, EventIntakeProperties properties) {
    TopicBuilder deadLetters =
        TopicBuilder.name(topic + EventIntakeProperties.DEAD_LETTER_SUFFIX)
            .partitions(properties.deadLetter().partitions());
    if (properties.deadLetter().replicas() != null) {
      deadLetters.replicas(properties.deadLetter().replicas());
    }
    return deadLetters.build();
  }

  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaTemplate<Object, Object> deadLetterTemplate,
      EventIntakeProperties properties,
      ParkedRecords parked) {
    // Partition -1 lets Kafka pick one (by key), so the dead-letter topic may have fewer
    // partitions.
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate,
            (record, exception) ->
                new TopicPartition(record.topic() + EventIntakeProperties.DEAD_LETTER_SUFFIX, -1));
    // spring-kafka's message header of a record that did not deserialize says only "failed to
    // deserialize"; this one says why, for the operators' listing (DeadLettersEndpoint).
    recoverer.setHeadersFunction(
        (record, exception) ->
            new RecordHeaders(
                new Header[] {
                  new RecordHeader(
                      DeadLetterRecords.REASON,
                      FailedRecordLog.reason(exception).getBytes(StandardCharsets.UTF_8))
                }));
    var whilePassing = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
    whilePassing.setMaxInterval(properties.retry().maxInterval().toMillis());
    var lasting =
        new FixedBackOff(
            properties.retry().initialInterval().toMillis(),
            Math.max(0, properties.retry().lastingAttempts() - 1));
    var handler =
        new DefaultErrorHandler(
            (record, exception) -> {
              recoverer.accept(record, exception);
              parked.park(record, exception);
            },
            whilePassing);
    handler.setBackOffFunction(
        (record, exception) ->
            RecordFailures.isTransient(exception, Set.of(VersionGapException.class))
                ? whilePassing
                : lasting);
    // A record that failed while the database was away and fails for its data once it is back
    // gets the attempts of the new failure.
    handler.setResetStateOnExceptionChange(true);
    // DeserializationException is not retryable by default already.
    handler.addNotRetryableExceptions(UnreadableEventException.class, ParkedBehindException.class);
    handler.setRetryListeners(new FailedRecordLog());
    return handler;
  }
}
