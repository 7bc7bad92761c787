package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.UnreadableEventException;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.query.security.SecurityEntries;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * The listeners of the side topics, whose JSON records each listener reads with {@link
 * JsonRecords}.
 */
@Component
class JsonTopicListeners {

  /**
   * How far token-service's clock may be ahead of this one's: Kerberos's default tolerance, far
   * beyond what servers that keep time drift apart.
   */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

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
        record,
        SecurityEntry.class,
        entry -> entry.entryId() != null && entry.companyId() != null,
        entries::append);
  }

  /**
   * Hands each of token-service's usage reports to {@link UsageReports}. A report of a use later
   * than this service's clock allows is unreadable: a last use only moves forward, so one such
   * report would hide every real use after it.
   */
  @JsonTopicListener(
      id = "credential-usage",
      topics = "${service-accounts.usage.topic:" + EventTopic.USAGE_NAME + "}")
  void onUsage(ConsumerRecord<String, String> record) {
    records.apply(
        record,
        CredentialUsage.class,
        usage ->
            usage.accountId() != null && usage.companyId() != null && usage.lastUsedAt() != null,
        usage -> {
          if (usage.lastUsedAt().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            throw new UnreadableEventException(
                "usage of account %s last used at %s, more than %s ahead of this service's clock"
                    .formatted(usage.accountId(), usage.lastUsedAt(), MAX_CLOCK_SKEW));
          }
          reports.apply(usage);
        });
  }
}
