package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventCorrelation;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedRecords;
import com.serviceaccounts.intake.PollAdmission;
import com.serviceaccounts.intake.PollTransactions;
import com.serviceaccounts.query.intake.CompanyEventOrder.Admission;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the records of a poll as {@link EventEnvelope}s and applies them to every projection in one
 * database transaction ({@link Projections}), which also reads the open parked records of their
 * companies: a duplicate is skipped, and an event after a gap waits. spring-kafka commits the
 * offsets only after this returns, so a crash in between redelivers the records, which are then
 * duplicates.
 *
 * <p>A record that is not a readable event, an event the database refuses, an event of a company
 * with a parked event ({@link ParkedRecords}) or an event that has to wait stops the batch there:
 * the records before it are applied and committed, and it is handed to the error handler ({@link
 * KafkaIntakeConfiguration}) by a {@link BatchListenerFailedException} — an unreadable, refused or
 * parked-behind one is parked, a waiting one is retried with back-off. The records after it are
 * delivered again; those applied meanwhile are then duplicates.
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
  private final TransactionTemplate transaction;
  private final CommittedVersions<UUID> progress;
  private final ParkedRecords parked;
  private final MeterRegistry meters;
  private final Timer publishedDelay;
  private final Timer visibleDelay;

  ServiceAccountEventListener(
      Projections projections,
      TransactionTemplate transaction,
      CommittedVersions<UUID> progress,
      ParkedRecords parked,
      MeterRegistry meters) {
    this.projections = projections;
    this.transaction = transaction;
    this.progress = progress;
    this.parked = parked;
    this.meters = meters;
    this.publishedDelay = delay("published", meters);
    this.visibleDelay = delay("visible", meters);
  }

  @EventTopicListener(id = LISTENER_ID)
  void on(List<ConsumerRecord<String, CloudEvent>> records) {
    EventPoll poll = EventPoll.read(records);
    List<EventEnvelope> events = poll.events();
    Supplier<PollAdmission> admitted =
        PollAdmission.onFirstUse(records, events, EventEnvelope::companyId, parked);
    Projections.Outcome outcome =
        PollTransactions.apply(
            events.size(),
            Projections.Outcome.NONE,
            (from, to) -> applyInTransaction(events, from, to, admitted));
    Instant committed = Instant.now();
    for (int i = 0; i < outcome.admissions().size(); i++) {
      report(records.get(i), events.get(i), outcome.admissions().get(i), committed);
    }
    poll.throwIfStopped(outcome.waiting(), outcome.firstWaiting());
  }

  /**
   * Applies the admitted events among {@code [from, to)} in a transaction, closing the parked
   * records of those re-driven, then wakes the waiters of the accounts that changed.
   */
  private Projections.Outcome applyInTransaction(
      List<EventEnvelope> events, int from, int to, Supplier<PollAdmission> admission) {
    Projections.Outcome outcome =
        transaction.execute(
            status -> {
              PollAdmission admitted = admission.get();
              int end = Math.max(from, Math.min(to, admitted.size()));
              Projections.Outcome applied = projections.apply(events.subList(from, end));
              admitted.closeApplied(
                  from,
                  end,
                  index -> applied.admissions().get(index - from) != Admission.EARLY,
                  parked);
              if (applied.waiting() != null) {
                EventEnvelope early = events.get(from + applied.firstWaiting());
                return new Projections.Outcome(
                    applied.admissions(),
                    admitted.waiting(early, early.companyId(), applied.waiting(), parked));
              }
              return end < to
                  ? new Projections.Outcome(applied.admissions(), admitted.behind())
                  : applied;
            });
    if (outcome.anyApplied()) {
      progress.committed(newestVersions(events.subList(from, to), outcome.admissions()));
    }
    return outcome;
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

  private void report(
      ConsumerRecord<String, CloudEvent> record,
      EventEnvelope event,
      Admission admission,
      Instant committed) {
    if (admission == Admission.EARLY) {
      return;
    }
    boolean applied = admission == Admission.NEXT;
    if (applied) {
      // service_accounts_events_delay_seconds{since=stored, until=published|visible}
      publishedDelay.record(Duration.between(event.occurredAt(), sent(record)));
      visibleDelay.record(Duration.between(event.occurredAt(), committed));
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
