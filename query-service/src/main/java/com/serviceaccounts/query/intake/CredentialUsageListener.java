package com.serviceaccounts.query.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.usage.CredentialUsage;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies token-service's usage reports to the listing: the last use of each account and of each of
 * its secrets. A report only moves a time forward, so late or repeated reports change nothing; a
 * report for an account the listing does not hold (not yet projected, or purged) is dropped, and
 * the next report of a still-used account sets it.
 */
@Component
class CredentialUsageListener {

  static final String LISTENER_ID = "credential-usage";

  private static final Logger log = LoggerFactory.getLogger(CredentialUsageListener.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  private final UsageReports reports;

  CredentialUsageListener(UsageReports reports) {
    this.reports = reports;
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
    CredentialUsage usage;
    try {
      usage = JSON.readValue(record.value(), CredentialUsage.class);
    } catch (IOException | IllegalArgumentException unreadable) {
      log.error("usage record at offset {} is not a usage report; skipped", record.offset());
      return;
    }
    if (usage.accountId() == null || usage.companyId() == null || usage.lastUsedAt() == null) {
      log.error("usage record at offset {} is incomplete; skipped", record.offset());
      return;
    }
    reports.apply(usage);
  }
}
