package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events the credentials consumer parked (table {@code parked_event}; their copies are on the
 * dead-letter topic). {@code /actuator/health/parked} is PARKED while any is open; an account with
 * an open parked event has its later events parked behind it ({@link ParkedBehindException}), so
 * that no event of it is applied out of order and the partition keeps moving.
 */
@Component("parked")
class ParkedEvents implements HealthIndicator {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final JdbcClient jdbc;
  private final MeterRegistry meters;

  ParkedEvents(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  void park(ConsumerRecord<?, ?> record, String reason) {
    jdbc.sql(
            """
            INSERT INTO parked_event (account_id, topic, partition, record_offset, reason)
            VALUES (:account, :topic, :partition, :offset, :reason)
            """)
        .param("account", accountOf(record))
        .param("topic", record.topic())
        .param("partition", record.partition())
        .param("offset", record.offset())
        .param("reason", printable(reason))
        .update();
    // service_accounts_records_parked_total{topic}
    meters.counter("service_accounts.records.parked", "topic", record.topic()).increment();
  }

  /** The oldest open parked event of the account, if any. */
  Long openFor(UUID accountId) {
    return jdbc.sql(
            "SELECT min(id) FROM parked_event WHERE account_id = :account AND closed_at IS NULL")
        .param("account", accountId)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  @Override
  public Health health() {
    Map<String, Long> open =
        jdbc
            .sql(
                "SELECT topic, count(*) AS parked FROM parked_event WHERE closed_at IS NULL"
                    + " GROUP BY topic")
            .query((row, i) -> Map.entry(row.getString(1), row.getLong(2)))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return (open.isEmpty() ? Health.up() : Health.status(new Status("PARKED")))
        .withDetail("open", open)
        .build();
  }

  private UUID accountOf(ConsumerRecord<?, ?> record) {
    if (!(record.value() instanceof CloudEvent event)) {
      return null;
    }
    try {
      EventEnvelope envelope = codec.fromCloudEvent(event);
      return envelope.accountId();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static String printable(String text) {
    StringBuilder printable = new StringBuilder();
    text.codePoints()
        .limit(1_000)
        .forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return printable.toString();
  }
}
