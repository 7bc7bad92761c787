package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.intake.ParkedRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads token-service's usage reports and hands each one to {@link UsageReports}. */
@Component
class CredentialUsageListener {

  static final String LISTENER_ID = "credential-usage";

  private final UsageReports reports;
  private final ParkedRecords parked;

  CredentialUsageListener(UsageReports reports, ParkedRecords parked) {
    this.reports = reports;
    this.parked = parked;
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}",
      properties = {
        "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.deserializer.value.delegate.class="
      })
  void on(ConsumerRecord<String, String> record) {
    reports.apply(
        JsonRecords.read(
            record,
            CredentialUsage.class,
            usage ->
                usage.accountId() != null
                    && usage.companyId() != null
                    && usage.lastUsedAt() != null));
    parked.applied(record);
  }
}
