package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.query.security.SecurityEntries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Adds each record of the security topic to its company's security entries. The offset is committed
 * only after the entry is stored; a redelivered entry is recognised by its id. An entry that cannot
 * be stored is parked (EventIntakeAutoConfiguration); once re-driven, it joins its company's chain
 * at its head then (ADR 0001).
 */
@Component
class SecurityEntryListener {

  private final JsonRecords records;
  private final SecurityEntries entries;

  SecurityEntryListener(JsonRecords records, SecurityEntries entries) {
    this.records = records;
    this.entries = entries;
  }

  @JsonTopicListener(
      id = "security-entries",
      topics = "${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
  void on(ConsumerRecord<String, String> record) {
    records.apply(
        record,
        SecurityEntry.class,
        entry -> entry.entryId() != null && entry.companyId() != null,
        entries::append);
  }
}
