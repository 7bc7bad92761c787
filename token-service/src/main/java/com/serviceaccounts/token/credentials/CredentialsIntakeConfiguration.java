package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.events.UnreadableEventException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record the listener cannot handle. A failure that may pass ({@link
 * RecordFailures}: a version gap, the database being down) is retried with a growing back-off and
 * never skipped: skipping a deactivation would leave an account able to get tokens. A failure that
 * will not pass (the database refusing the data, an unreadable record) is retried a few times, then
 * the record is parked: it goes to this service's dead-letter topic with the reason in
 * spring-kafka's {@code kafka_dlt-exception-*} headers, into {@link ParkedEvents}, and the consumer
 * moves on, so that one bad record cannot stop new secrets from working.
 */
@Configuration(proxyBeanMethods = false)
class CredentialsIntakeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CredentialsIntakeConfiguration.class);

  @Bean
  NewTopic credentialsDeadLetterTopic(EventIntakeProperties properties) {
    return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
  }

  @Bean
  KafkaTemplate<Object, Object> deadLetterTemplate(
      ProducerFactory<Object, Object> producerFactory) {
    return new KafkaTemplate<>(
        producerFactory,
        Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class));
  }

  @Bean
  DefaultErrorHandler credentialsErrorHandler(
      KafkaTemplate<Object, Object> deadLetterTemplate,
      EventIntakeProperties properties,
      ParkedEvents parked) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate,
            (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
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
              parked.park(record, exception, rootMessage(exception));
            },
            whilePassing);
    handler.setBackOffFunction(
        (record, exception) ->
            RecordFailures.isTransient(exception, Set.of(VersionGapException.class))
                ? whilePassing
                : lasting);
    handler.setResetStateOnExceptionChange(true);
    handler.addNotRetryableExceptions(UnreadableEventException.class, ParkedBehindException.class);
    handler.setRetryListeners(
        new RetryListener() {
          @Override
          public void failedDelivery(
              org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record,
              Exception exception,
              int deliveryAttempt) {
            log.warn(
                "record {}-{}@{} (key {}) failed (attempt {}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                deliveryAttempt,
                rootMessage(exception));
          }

          @Override
          public void recovered(
              org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception exception) {
            log.error(
                "record {}-{}@{} (key {}) parked on {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                properties.deadLetterTopic(),
                rootMessage(exception));
          }
        });
    return handler;
  }

  private static String rootMessage(Throwable exception) {
    Throwable cause = exception;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
