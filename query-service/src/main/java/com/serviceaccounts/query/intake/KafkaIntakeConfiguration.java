package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventIntakeAutoConfiguration;
import com.serviceaccounts.intake.EventIntakeProperties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of the event intake (EventIntakeAutoConfiguration does the retries, the
 * dead-letter topics and the parking): what its parked records hold ({@link CompanyParking}), the
 * dead-letter topics of the security entries' and usage reports' topics, and the accounts' versions
 * as committed here, which read-your-writes waits for.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfiguration {

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
