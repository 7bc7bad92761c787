package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.intake.ParkedRecords;
import com.serviceaccounts.query.security.SecurityEntries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Adds each record of the security topic to its company's security entries. The offset is committed
 * only after the entry is stored; a redelivered entry is recognised by its id. An entry that cannot
 * be stored is parked (EventIntakeAutoConfiguration); once re-driven, it joins its company's chain
 * at its head then (ADR 0001).
 */
@Component
class SecurityEntryListener {

  static final String LISTENER_ID = "security-entries";

  private final SecurityEntries entries;
  private final ParkedRecords parked;

  SecurityEntryListener(SecurityEntries entries, ParkedRecords parked) {
    this.entries = entries;
    this.parked = parked;
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}",
      properties = {
        "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.deserializer.value.delegate.class="
      })
  void on(ConsumerRecord<String, String> record) {
    entries.append(
        JsonRecords.read(
            record,
            SecurityEntry.class,
            entry -> entry.entryId() != null && entry.companyId() != null));
    parked.applied(record);
  }
}
