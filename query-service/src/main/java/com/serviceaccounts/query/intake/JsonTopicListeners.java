package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.query.security.SecurityEntries;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * The listeners of the side topics, whose JSON records each listener reads with {@link
 * JsonRecords}.
 */
@Component
class JsonTopicListeners {

  private final JsonRecords records;
  private final SecurityEntries entries;
  private final UsageReports reports;
  private final Clock clock = Clock.systemUTC();

  JsonTopicListeners(JsonRecords records, SecurityEntries entries, UsageReports reports) {
    this.records = records;
    this.entries = entries;
    this.reports = reports;
  }

  /**
   * Adds each record of the security topic to its company's security entries. The offset is
   * committed only after the entry is stored; a redelivered entry is recognised by its id. An entry
   * that cannot be stored is parked (EventIntakeAutoConfiguration); once re-driven, it joins its
   * company's chain at its head then (ADR 0001).
   */
  @JsonTopicListener(
      id = "security-entries",
      topics = "${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
  void onSecurityEntry(ConsumerRecord<String, String> record) {
    records.apply(
        record, SecurityEntry.class, entry -> entry.defect(clock.instant()), entries::append);
  }

  /**
   * Hands each of token-service's usage reports to {@link UsageReports}; one of a use ahead of this
   * service's clock is unreadable ({@link CredentialUsage#defect}): a last use only moves forward,
   * so it would hide every real use after it.
   */
  @JsonTopicListener(
      id = "credential-usage",
      topics = "${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}")
  void onUsage(ConsumerRecord<String, String> record) {
    records.apply(
        record, CredentialUsage.class, usage -> usage.defect(clock.instant()), reports::apply);
  }
}
