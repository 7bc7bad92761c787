package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.Admissions;
import com.serviceaccounts.intake.Admissions.Admission;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventCorrelation;
import com.serviceaccounts.intake.EventIntake;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedRecords;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads the records of a poll as {@link EventEnvelope}s and applies them to every projection in one
 * database transaction ({@link Projections}), which also reads the open parked records of their
 * companies: a duplicate is skipped, and an event after a gap waits. spring-kafka commits the
 * offsets only after this returns, so a crash in between redelivers the records, which are then
 * duplicates.
 *
 * <p>An event of a company with an open parked event ({@link ParkedRecords}) is parked behind it in
 * the same transaction. A record that is not a readable event, an event the database refuses or an
 * event that has to wait stops the batch there: the records before it are applied and committed,
 * and it is handed to the error handler ({@link KafkaIntakeConfiguration}) by a {@link
 * BatchListenerFailedException} — an unreadable or refused one is parked, a waiting one is retried
 * with back-off. The records after it are delivered again; those applied meanwhile are then
 * duplicates.
 *
 * <p>Each event is logged, and counted, with the correlation id of its record in the log context
 * ({@link EventCorrelation}). Each applied event's delay is timed from when it was stored: to its
 * record's timestamp (when command-service's publisher sent it), and to the commit here (when
 * readers can see it).
 */
@Component
class ServiceAccountEventListener {

  static final String LISTENER_ID = "service-account-projections";

  private static final Logger log = LoggerFactory.getLogger(ServiceAccountEventListener.class);

  private final Projections projections;
  private final EventIntake intake;
  private final CommittedVersions<UUID> progress;
  private final MeterRegistry meters;
  private final Timer publishedDelay;
  private final Timer visibleDelay;

  ServiceAccountEventListener(
      Projections projections,
      EventIntake intake,
      CommittedVersions<UUID> progress,
      MeterRegistry meters) {
    this.projections = projections;
    this.intake = intake;
    this.progress = progress;
    this.meters = meters;
    this.publishedDelay = delay("published", meters);
    this.visibleDelay = delay("visible", meters);
  }

  @EventTopicListener(id = LISTENER_ID)
  void on(List<ConsumerRecord<String, CloudEvent>> records) {
    EventPoll poll = EventPoll.read(records);
    Admissions outcome = intake.apply(poll, Admissions.NONE, projections::apply, this::committed);
    Instant committed = Instant.now();
    for (int i = 0; i < outcome.each().size(); i++) {
      report(records.get(i), poll.events().get(i), outcome.each().get(i), committed);
    }
    poll.throwIfStopped(outcome);
  }

  /** Wakes the waiters of the accounts that changed. */
  private void committed(List<EventEnvelope> events, Admissions outcome) {
    if (outcome.anyApplied()) {
      progress.committed(newestVersions(events, outcome.each()));
    }
  }

  /** The newest version of each account among the events that were applied. */
  private static Map<UUID, Long> newestVersions(
      List<EventEnvelope> events, List<Admission> admissions) {
    Map<UUID, Long> newest = new HashMap<>();
    for (int i = 0; i < admissions.size(); i++) {
      if (admissions.get(i) == Admission.NEXT) {
        newest.merge(events.get(i).accountId(), events.get(i).version(), Math::max);
      }
    }
    return newest;
  }

  private static Timer delay(String until, MeterRegistry meters) {
    return Timer.builder("service_accounts.events.delay")
        .description("From an event being stored to its record being sent, or to it being visible")
        .tag("since", "stored")
        .tag("until", until)
        .publishPercentileHistogram()
        .register(meters);
  }

  private static Instant sent(ConsumerRecord<?, ?> record) {
    return Instant.ofEpochMilli(record.timestamp());
  }

  /**
   * The delay from {@code from} to {@code to}, if a timer can hold it: an event's time may lie
   * centuries back (the years 1 to 9999 are readable), beyond the nanoseconds a timer counts in,
   * and a report made after the commit must not fail the poll it reports on.
   */
  static void recordDelay(Timer timer, Instant from, Instant to) {
    Duration delay = Duration.between(from, to);
    if (!delay.isNegative() && delay.compareTo(LONGEST_DELAY) <= 0) {
      timer.record(delay);
    }
  }

  /** The longest delay a timer is told of: a year, far beyond any real one. */
  private static final Duration LONGEST_DELAY = Duration.ofDays(366);

  private void report(
      ConsumerRecord<String, CloudEvent> record,
      EventEnvelope event,
      Admission admission,
      Instant committed) {
    if (admission == Admission.EARLY || admission == Admission.PARKED) {
      return; // handed to the error handler, or parked: counted and logged as parked
    }
    boolean applied = admission == Admission.NEXT;
    if (applied) {
      // service_accounts_events_delay_seconds{since=stored, until=published|visible}
      recordDelay(publishedDelay, event.occurredAt(), sent(record));
      recordDelay(visibleDelay, event.occurredAt(), committed);
    }
    try (var correlation = EventCorrelation.inMdc(record)) {
      // service_accounts_events_consumed_total{type, outcome=applied|duplicate}
      meters
          .counter(
              "service_accounts.events.consumed",
              "type",
              event.type().shortName(),
              "outcome",
              applied ? "applied" : "duplicate")
          .increment();
      log.debug(
          "{} {} {} (version {}, company sequence {}) of account {}",
          applied ? "applied" : "skipped duplicate",
          event.type().shortName(),
          event.eventId(),
          event.version(),
          event.companySequence(),
          event.accountId());
    }
  }
}
