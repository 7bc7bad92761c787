package com.serviceaccounts.intake;

import com.serviceaccounts.events.DeadLetterValueSerializer;
import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.events.UnreadableEventException;
import com.serviceaccounts.topics.TopicsOnDemand;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.annotation.EndpointConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record a listener cannot handle, for every service that takes in events (one
 * that declares a {@link ParkingStrategy}). A failure that may pass ({@link RecordFailures}: a
 * version gap, the database being down, a deadlock) is retried with a growing back-off and never
 * skipped: a projection that skipped an event would be silently wrong forever, and skipping a
 * deactivation would leave an account able to get tokens. A failure that will not pass (the
 * database refusing the data, an unreadable record) is retried a few times, then the record is
 * parked: it goes to its dead-letter topic with the reason in spring-kafka's {@code
 * kafka_dlt-exception-*} headers and in {@value FailedRecordLog#REASON_HEADER} (exception and
 * cause), and into {@link ParkedRecords}, and the consumer moves on. An event whose company or
 * account has a parked event is parked behind it at once, in the poll's own transaction ({@link
 * PollAdmission}). A back-off pauses the failed record's partition, not the consumer ({@link
 * PartitionPausingBackOff}).
 *
 * <p>Before Boot's Kafka configuration, so that the dead-letter template is the services' one.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnBean(ParkingStrategy.class)
@EnableConfigurationProperties(EventIntakeProperties.class)
public class EventIntakeAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EventIntakeAutoConfiguration.class);

  @Bean
  OperatorParameterProblems operatorParameterProblems() {
    return new OperatorParameterProblems();
  }

  /** The operators' ids and limits in the APIs' form only ({@link OperatorNumbers}). */
  @Bean
  @EndpointConverter
  static OperatorNumbers.ToLong operatorLongs() {
    return new OperatorNumbers.ToLong();
  }

  @Bean
  @EndpointConverter
  static OperatorNumbers.ToInteger operatorIntegers() {
    return new OperatorNumbers.ToInteger();
  }

  @Bean
  @EndpointConverter
  static OperatorNumbers.GivenOnce operatorNumbersGivenOnce() {
    return new OperatorNumbers.GivenOnce();
  }

  /** The producer of the event topic owns it; the dead-letter topic is this service's. */
  @Bean
  NewTopic deadLetterTopic(EventIntakeProperties properties) {
    return deadLetterTopic(properties.topic(), properties);
  }

  /** The dead-letter topic of another topic the service consumes. */
  public static NewTopic deadLetterTopic(String consumed, EventIntakeProperties properties) {
    TopicBuilder topic =
        TopicBuilder.name(properties.deadLetterTopic(consumed))
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

  @Bean
  ParkedRecords parkedRecords(
      JdbcClient jdbc,
      ParkingStrategy strategy,
      KafkaTemplate<Object, Object> deadLetterTemplate,
      MeterRegistry meters,
      KafkaProperties kafka) {
    return new ParkedRecords(
        jdbc, strategy, deadLetterTemplate, meters, kafka.getConsumer().getGroupId());
  }

  @Bean
  EventIntake eventIntake(
      ParkedRecords parked,
      ParkingStrategy strategy,
      TransactionTemplate transaction,
      EventIntakeProperties properties,
      IntakeSetbacks setbacks) {
    return new EventIntake(
        parked, strategy, transaction, new GapWaits(properties.retry().gapWait()), setbacks);
  }

  @Bean
  ParkedRecordsEndpoint parkedRecordsEndpoint(ParkedRecords parked) {
    return new ParkedRecordsEndpoint(parked);
  }

  /**
   * The operators' endpoints refuse any parameter but their listings' {@code limit} ({@link
   * OperatorParameters}): right after Spring Security's filters.
   */
  @Bean
  FilterRegistrationBean<OperatorParameters> operatorParameters(WebEndpointProperties endpoints) {
    FilterRegistrationBean<OperatorParameters> registration =
        new FilterRegistrationBean<>(new OperatorParameters(endpoints.getBasePath()));
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  @Bean
  DeadLetterRecords deadLetterRecords(
      EventIntakeProperties properties,
      KafkaProperties kafka,
      KafkaTemplate<Object, Object> deadLetterTemplate) {
    return new DeadLetterRecords(properties, kafka, deadLetterTemplate);
  }

  @Bean
  DeadLettersEndpoint deadLettersEndpoint(DeadLetterRecords deadLetters) {
    return new DeadLettersEndpoint(deadLetters);
  }

  /** {@code /actuator/health/parked}. */
  @Bean("parked")
  ParkedRecordsHealthIndicator parkedRecordsHealthIndicator(ParkedRecords parked) {
    return new ParkedRecordsHealthIndicator(parked);
  }

  @Bean(EventTopicListener.OFFSET_COMMITS)
  EventTopicConsumers eventTopicConsumers(EventIntakeProperties properties) {
    return new EventTopicConsumers(properties);
  }

  @Bean
  TopicsOnDemand topicsOnDemand(KafkaAdmin admin) {
    return new TopicsOnDemand(admin);
  }

  @Bean
  PartitionPausingBackOff partitionPausingBackOff() {
    return new PartitionPausingBackOff();
  }

  @Bean
  IntakeSetbacks intakeSetbacks() {
    return new IntakeSetbacks(Clock.systemUTC());
  }

  @Bean
  DefaultErrorHandler eventErrorHandler(
      KafkaTemplate<Object, Object> deadLetterTemplate,
      EventIntakeProperties properties,
      ParkedRecords parked,
      TopicsOnDemand topics,
      PartitionPausingBackOff partitionBackOff,
      IntakeSetbacks setbacks) {
    // Partition -1: Kafka picks one by key, so the dead-letter topic may have fewer partitions.
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate,
            (record, exception) ->
                new TopicPartition(properties.deadLetterTopic(record.topic()), -1));
    // spring-kafka's message header of a record that did not deserialize says only "failed to
    // deserialize"; this one says why, for the operators.
    recoverer.setHeadersFunction(
        (record, exception) ->
            new RecordHeaders(
                new Header[] {
                  new RecordHeader(
                      FailedRecordLog.REASON_HEADER,
                      FailedRecordLog.reason(exception, record).getBytes(StandardCharsets.UTF_8))
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
              if (DiscardedCopyException.isCause(exception)) {
                parked.park(record, exception); // drops it, as the operator discarded it
                return;
              }
              topics.ensure(deadLetterTopic(record.topic(), properties));
              try {
                recoverer.accept(record, exception);
              } catch (KafkaException notCopied) {
                // The parked record keeps the value, and a re-drive publishes it from there: the
                // copy on the dead-letter topic is for reading. One that cannot be written (a
                // record near the size limit is over it with the copy's headers) must not keep
                // the record, and its partition, from being set aside.
                log.warn(
                    "{}-{}@{} not copied to the dead-letter topic ({}); parked without the copy",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    notCopied.getMessage());
              }
              parked.park(record, exception);
            },
            whilePassing,
            partitionBackOff);
    var gap = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
    gap.setMaxInterval(properties.retry().maxInterval().toMillis());
    gap.setMaxElapsedTime(properties.retry().gapWait().toMillis());
    handler.setBackOffFunction(
        (record, exception) ->
            switch (RecordFailures.kind(exception, Set.of(VersionGapException.class))) {
              case AWAITED -> gap;
              case PASSING -> {
                setbacks.passingFailure();
                yield whilePassing;
              }
              case REFUSED -> new FixedBackOff(0, 0);
              case LASTING -> lasting;
            });
    // A record that failed while the database was away and fails for its data once it is back
    // gets the attempts of the new failure.
    handler.setResetStateOnExceptionChange(true);
    // None passes on a second try (nor does a DeserializationException, by default already).
    handler.addNotRetryableExceptions(
        UnreadableEventException.class,
        ParkedBehindException.class,
        DiscardedCopyException.class,
        OutOfStepEventException.class,
        ConflictingEventException.class);
    handler.setRetryListeners(new FailedRecordLog());
    // FailedRecordLog says what failed and why, in one line. What spring-kafka throws to seek again
    // to the records behind a failed one in a batch would log the failure's stack trace on top,
    // with a message that may quote the record's data.
    handler.setLogLevel(KafkaException.Level.DEBUG);
    return handler;
  }
}
