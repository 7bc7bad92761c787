package com.serviceaccounts.query.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.query.security.SecurityEntries;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Adds each record of the security topic to its company's security entries. The offset is committed
 * only after the entry is stored; a redelivered entry is recognised by its id.
 */
@Component
class SecurityEntryListener {

  static final String LISTENER_ID = "security-entries";

  private static final Logger log = LoggerFactory.getLogger(SecurityEntryListener.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  private final SecurityEntries entries;

  SecurityEntryListener(SecurityEntries entries) {
    this.entries = entries;
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
    SecurityEntry entry;
    try {
      entry = JSON.readValue(record.value(), SecurityEntry.class);
    } catch (IOException | IllegalArgumentException unreadable) {
      // Not an entry any service writes: nothing to store, and retrying cannot change that.
      log.error(
          "security record {}-{}@{} is not a security entry and is skipped: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          unreadable.getMessage());
      return;
    }
    if (entry.entryId() == null || entry.companyId() == null) {
      log.error(
          "security record at offset {} has no entry or company id; skipped", record.offset());
      return;
    }
    entries.append(entry);
  }
}
