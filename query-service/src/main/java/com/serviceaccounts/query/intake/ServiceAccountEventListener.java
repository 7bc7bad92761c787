package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.EventCorrelation;
import com.serviceaccounts.intake.EventPoll;
import com.serviceaccounts.intake.EventTopicListener;
import com.serviceaccounts.intake.ParkedRecords;
import com.serviceaccounts.query.intake.CompanyEventOrder.Admission;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the records of a poll as {@link EventEnvelope}s and applies them to every projection in one
 * database transaction ({@link Projections}): a duplicate is skipped, and an event after a gap
 * waits. spring-kafka commits the offsets only after this returns, so a crash in between redelivers
 * the records, which are then duplicates.
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
  private final CompanyParking companies;
  private final MeterRegistry meters;
  private final Timer publishedDelay;
  private final Timer visibleDelay;

  ServiceAccountEventListener(
      Projections projections,
      TransactionTemplate transaction,
      CommittedVersions<UUID> progress,
      ParkedRecords parked,
      CompanyParking companies,
      MeterRegistry meters) {
    this.projections = projections;
    this.transaction = transaction;
    this.progress = progress;
    this.parked = parked;
    this.companies = companies;
    this.meters = meters;
    this.publishedDelay = delay("published", meters);
    this.visibleDelay = delay("visible", meters);
  }

  @EventTopicListener(id = LISTENER_ID)
  void on(List<ConsumerRecord<String, CloudEvent>> records) {
    EventPoll poll = EventPoll.read(records);
    List<EventEnvelope> events = poll.events();
    RuntimeException stopped = poll.unreadable();
    // The events of a company with a parked event wait behind it, but for its own re-drive.
    Map<UUID, Deque<CompanyParking.Open>> parkedBefore =
        companies.openOnEventTopic(
            events.stream().map(EventEnvelope::companyId).distinct().toList());
    Map<UUID, Long> firstUnreadable = new HashMap<>();
    parkedBefore.forEach(
        (company, open) ->
            open.stream()
                .filter(parkedRecord -> !parkedRecord.holdsCompany())
                .findFirst()
                .ifPresent(unreadable -> firstUnreadable.put(company, unreadable.id())));
    Map<Integer, Long> redriven = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Deque<CompanyParking.Open> waitingFor = parkedBefore.get(events.get(i).companyId());
      if (waitingFor == null || waitingFor.isEmpty()) {
        continue;
      }
      Long parkedId = ParkedRecords.parkedId(records.get(i));
      if (Long.valueOf(waitingFor.peekFirst().id()).equals(parkedId)) {
        redriven.put(i, waitingFor.removeFirst().id());
      } else if (waitingFor.stream().anyMatch(CompanyParking.Open::holdsCompany)) {
        stopped = parked.behind(events.get(i), waitingFor.peekFirst().id());
        events = new ArrayList<>(events.subList(0, i));
        break;
      }
    }
    Projections.Outcome outcome = apply(events, redriven);
    Instant committed = Instant.now();
    for (int i = 0; i < events.size(); i++) {
      report(records.get(i), events.get(i), outcome.admissions().get(i), committed);
    }
    int waiting = outcome.firstWaiting();
    if (waiting < events.size()) {
      EventEnvelope early = events.get(waiting);
      Long unreadableBefore = firstUnreadable.get(early.companyId());
      // It may wait for the parked record that did not read: it would wait forever.
      RuntimeException failure =
          unreadableBefore == null ? outcome.firstGap() : parked.behind(early, unreadableBefore);
      throw new BatchListenerFailedException(failure.getMessage(), failure, waiting);
    }
    if (stopped != null) {
      throw new BatchListenerFailedException(stopped.getMessage(), stopped, events.size());
    }
  }

  /**
   * Applies the events in one transaction, closing the parked records of those re-driven. When the
   * database refuses the batch, applies them one at a time to find the record it refuses: only the
   * listener can tell the error handler which record of a batch failed.
   */
  private Projections.Outcome apply(List<EventEnvelope> events, Map<Integer, Long> redriven) {
    // A batch that starts with an unreadable record has nothing to apply: no transaction for it.
    if (events.isEmpty()) {
      return Projections.Outcome.NONE;
    }
    try {
      return applyInTransaction(events, redriven);
    } catch (RuntimeException batchFailed) {
      if (events.size() == 1) {
        throw new BatchListenerFailedException(batchFailed.getMessage(), batchFailed, 0);
      }
      List<Admission> admissions = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        Long parkedId = redriven.get(i);
        Projections.Outcome single;
        try {
          single =
              applyInTransaction(
                  List.of(events.get(i)), parkedId == null ? Map.of() : Map.of(0, parkedId));
        } catch (RuntimeException failed) {
          throw new BatchListenerFailedException(failed.getMessage(), failed, i);
        }
        admissions.add(single.admissions().get(0));
        if (single.firstGap() != null) {
          // The rest waits with it.
          while (admissions.size() < events.size()) {
            admissions.add(Admission.EARLY);
          }
          return new Projections.Outcome(admissions, single.firstGap());
        }
      }
      return new Projections.Outcome(admissions, null);
    }
  }

  private Projections.Outcome applyInTransaction(
      List<EventEnvelope> events, Map<Integer, Long> redriven) {
    Projections.Outcome outcome =
        transaction.execute(
            status -> {
              Projections.Outcome applied = projections.apply(events);
              redriven.forEach(
                  (index, parkedId) -> {
                    if (applied.admissions().get(index) != Admission.EARLY) {
                      parked.closeApplied(parkedId);
                    }
                  });
              return applied;
            });
    if (outcome.anyApplied()) {
      progress.committed(newestVersions(events, outcome.admissions()));
    }
    return outcome;
  }

  /** The newest version of each account among the events that were applied. */
  private static Map<UUID, Long> newestVersions(
      List<EventEnvelope> events, List<Admission> admissions) {
    Map<UUID, Long> newest = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
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
