package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.usage.CredentialUsage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/** Reads token-service's usage reports and hands each one to {@link UsageReports}. */
@Component
class CredentialUsageListener {

  private final JsonRecords records;
  private final UsageReports reports;

  CredentialUsageListener(JsonRecords records, UsageReports reports) {
    this.records = records;
    this.reports = reports;
  }

  @JsonTopicListener(
      id = "credential-usage",
      topics = "${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}")
  void on(ConsumerRecord<String, String> record) {
    records.apply(
        record,
        CredentialUsage.class,
        usage ->
            usage.accountId() != null && usage.companyId() != null && usage.lastUsedAt() != null,
        reports::apply);
  }
}
