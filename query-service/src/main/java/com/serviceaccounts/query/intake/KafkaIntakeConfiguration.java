package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventIntakeAutoConfiguration;
import com.serviceaccounts.intake.EventIntakeProperties;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * This service's side of the event intake (EventIntakeAutoConfiguration does the retries, the
 * dead-letter topics and the parking): what its parked records hold ({@link CompanyParking}), the
 * dead-letter topics of the security entries' and usage reports' topics, the projections' offset
 * commits, and the accounts' versions as committed here, which read-your-writes waits for.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfiguration {

  private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  /**
   * The projections' consumer commits its offsets without waiting for the broker, and at most once
   * a second. A batch's effects are committed in the database first, and a record delivered again
   * after a crash or a rebalance is recognised as a duplicate by its company sequence, so an offset
   * commit that is late or lost costs a redelivery, never an event. Waiting for each commit was a
   * fifth of the consumer thread's time, which every event behind it waited for too; and a commit
   * sent once a poll, with nothing waited for, queues up in the client without bound whenever the
   * broker answers commits slower than polls come (thousands timed out together under load).
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      projectionsCommitAsynchronouslyOnceASecond() {
    return container -> {
      if (ServiceAccountEventListener.LISTENER_ID.equals(container.getListenerId())) {
        ContainerProperties properties = container.getContainerProperties();
        properties.setSyncCommits(false);
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        properties.setAckTime(COMMIT_INTERVAL.toMillis());
      }
    };
  }

  /** Each committed batch's accounts at their newest version, reported by the listener. */
  @Bean
  CommittedVersions<UUID> projectionProgress() {
    return new CommittedVersions<>();
  }

  @Bean
  NewTopic securityDeadLetterTopic(
      @Value("${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
          String topic,
      EventIntakeProperties properties) {
    return EventIntakeAutoConfiguration.deadLetterTopic(topic, properties);
  }

  @Bean
  NewTopic usageDeadLetterTopic(
      @Value("${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}") String topic,
      EventIntakeProperties properties) {
    return EventIntakeAutoConfiguration.deadLetterTopic(topic, properties);
  }
}
