package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.Admissions.Admission;
import io.cloudevents.CloudEvent;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events of a poll that may be applied, given the open parked records of what holds them
 * ({@link ParkingStrategy#holder}): every event before the first re-driven copy of a parked record
 * discarded since (which is dropped), but those whose holder has an open parked record that holds
 * them. Those are parked behind it in the poll's own transaction, without a trip through the error
 * handler (nor a dead-letter copy: they failed for no reason of their own), so that a flood of them
 * costs the other holders on their partition one poll, not one each. A holder's oldest parked
 * record, re-driven, is applied and closed together with it, once.
 */
final class PollAdmission {

  private final ParkedRecords parked;
  private final ParkingStrategy strategy;
  private final GapWaits gapWaits;
  private final List<ConsumerRecord<String, CloudEvent>> records;

  /** How many, from the first. */
  private final int size;

  /** Why the event after those is not applied (a copy of a discarded record); null if none. */
  private final RuntimeException discarded;

  /** The parked row of each re-driven event among them, by index. */
  private final Map<Integer, Long> redriven;

  /**
   * The events held behind a parked record, by index: the id of the row each is parked behind; or,
   * where that is an event of this poll parked before it, minus one minus that event's index.
   */
  private final Map<Integer, Long> held;

  /** Per company, its oldest open parked record that holds nothing (one that did not read). */
  private final Map<UUID, Long> notHolding;

  /** The rows the events parked here have been parked in, by index. */
  private final Map<Integer, Long> parkedIn = new HashMap<>();

  private PollAdmission(
      ParkedRecords parked,
      ParkingStrategy strategy,
      GapWaits gapWaits,
      List<ConsumerRecord<String, CloudEvent>> records,
      int size,
      RuntimeException discarded,
      Map<Integer, Long> redriven,
      Map<Integer, Long> held,
      Map<UUID, Long> notHolding) {
    this.parked = parked;
    this.strategy = strategy;
    this.gapWaits = gapWaits;
    this.records = records;
    this.size = size;
    this.discarded = discarded;
    this.redriven = redriven;
    this.held = held;
    this.notHolding = notHolding;
  }

  /**
   * Reads the open parked records of the events' holders, in the caller's transaction, and admits
   * the events.
   */
  static PollAdmission read(
      EventPoll poll, ParkedRecords parked, ParkingStrategy strategy, GapWaits gapWaits) {
    List<EventEnvelope> events = poll.events();
    ParkedRecords.OpenParked parkedRecords =
        events.isEmpty()
            ? new ParkedRecords.OpenParked(Map.of(), Map.of())
            : parked.openOf(
                poll.records().get(0).topic(),
                events.stream().map(strategy::holder).collect(Collectors.toSet()),
                events.stream().map(EventEnvelope::companyId).collect(Collectors.toSet()));
    Map<ParkedRecords.Holder, Deque<ParkedRecords.Open>> open = parkedRecords.byHolder();
    Map<Integer, Long> redriven = new HashMap<>();
    Map<Integer, Long> held = new HashMap<>();
    int size = events.size();
    DiscardedCopyException discarded = null;
    for (int i = 0; i < events.size(); i++) {
      ParkedRecords.OwnRow own = parked.ownRow(poll.records().get(i));
      discarded = parked.discardedCopy(own);
      if (discarded != null) {
        size = i;
        break;
      }
      Deque<ParkedRecords.Open> waitingFor =
          open.get(ParkedRecords.Holder.of(strategy, events.get(i)));
      if (waitingFor == null || waitingFor.isEmpty()) {
        continue;
      }
      if (own != null && waitingFor.peekFirst().id() == own.id()) {
        // The holder's oldest parked record, re-driven: applied and closed together, once.
        redriven.put(i, waitingFor.removeFirst().id());
      } else if (waitingFor.stream().anyMatch(ParkedRecords.Open::holds)) {
        held.put(i, waitingFor.peekFirst().id());
        // Its holder's later events wait behind it, even once the records before it are closed.
        waitingFor.addLast(new ParkedRecords.Open(-1L - i, true));
      }
    }
    return new PollAdmission(
        parked,
        strategy,
        gapWaits,
        poll.records(),
        size,
        discarded,
        redriven,
        held,
        parkedRecords.notHolding());
  }

  /**
   * Applies the admitted events among {@code [from, to)} that are not held with {@code projection}
   * and, in the caller's transaction, parks those before the first that waits for its predecessor
   * that have to be: the held ones; those the projection cannot take though they are their holder's
   * next ({@code OUT_OF_STEP}); those that wait behind their company's parked record that holds
   * nothing (their predecessor may be that record, and they would wait for ever) or behind an
   * earlier one of their holder parked here; those whose gap wait is over ({@link GapWaits}). It
   * closes the parked records of the re-driven ones applied. The events after the first that waits
   * are not parked: the records after that one are delivered again.
   *
   * @param none the outcome of no events
   * @return what became of the events: the first that was not admitted waits, for its predecessor
   *     or as a copy of a discarded record
   */
  <O extends PollTransactions.Outcome<O>> O apply(
      List<EventEnvelope> events,
      int from,
      int to,
      O none,
      Function<List<EventEnvelope>, O> projection) {
    int end = Math.max(from, Math.min(to, size));
    List<Integer> tried =
        IntStream.range(from, end).filter(i -> !held.containsKey(i)).boxed().toList();
    O outcome = tried.isEmpty() ? none : projection.apply(tried.stream().map(events::get).toList());
    Admission[] admissions = new Admission[end - from];
    for (int k = 0; k < tried.size(); k++) {
      admissions[tried.get(k) - from] = outcome.admissions().each().get(k);
    }
    Map<Integer, RuntimeException> outOfStep = new HashMap<>();
    outcome.admissions().outOfStep().forEach((k, why) -> outOfStep.put(tried.get(k), why));
    int early = outcome.admissions().each().indexOf(Admission.EARLY);
    int projectionsFirst = early < 0 ? -1 : tried.get(early);
    // Of the events parked here, what each is parked behind (as in held), or why, for a reason of
    // its own: its gap wait is over, or its holder cannot take it (out of step).
    Map<Integer, Long> behind = new HashMap<>(held);
    Map<Integer, RuntimeException> ownReason = new HashMap<>();
    Map<ParkedRecords.Holder, Integer> waitingParked = new HashMap<>();
    int firstWaiting = end;
    for (int i = from; i < end; i++) {
      if (admissions[i - from] == Admission.OUT_OF_STEP) {
        if (firstWaiting == end) {
          ownReason.put(i, outOfStep.get(i));
          waitingParked.putIfAbsent(ParkedRecords.Holder.of(strategy, events.get(i)), i);
        }
        continue;
      }
      if (admissions[i - from] != Admission.EARLY) {
        continue;
      }
      EventEnvelope event = events.get(i);
      boolean over = gapWaits.over(records.get(i));
      if (firstWaiting < end) {
        continue; // its wait has started; it is delivered again
      }
      Integer before = waitingParked.get(ParkedRecords.Holder.of(strategy, event));
      Long unreadable = notHolding.get(event.companyId());
      if (before != null) {
        behind.put(i, -1L - before);
      } else if (unreadable != null) {
        behind.put(i, unreadable);
      } else if (over) {
        ownReason.put(i, i == projectionsFirst ? outcome.waiting() : gap(event, true));
      } else {
        firstWaiting = i;
        continue;
      }
      waitingParked.putIfAbsent(ParkedRecords.Holder.of(strategy, event), i);
    }
    for (int i = from; i < end; i++) {
      boolean parks = i < firstWaiting && (behind.containsKey(i) || ownReason.containsKey(i));
      if (parks) {
        RuntimeException why =
            ownReason.containsKey(i)
                ? ownReason.get(i)
                : parked.behind(events.get(i), row(behind.get(i)));
        admissions[i - from] = park(i, why);
      } else if (admissions[i - from] == null || admissions[i - from] == Admission.OUT_OF_STEP) {
        // Held or out of step, after the first that waits: delivered again.
        admissions[i - from] = Admission.EARLY;
      }
      if (admissions[i - from] != Admission.EARLY) {
        gapWaits.done(records.get(i));
      }
    }
    redriven.forEach(
        (index, parkedId) -> {
          if (index >= from && index < end && applied(admissions[index - from])) {
            parked.closeApplied(parkedId);
          }
        });
    RuntimeException why =
        firstWaiting == end
            ? end < to ? discarded : null
            : firstWaiting == projectionsFirst
                ? outcome.waiting()
                : gap(events.get(firstWaiting), false);
    return outcome.with(new Admissions(Arrays.asList(admissions), why));
  }

  private static boolean applied(Admission admission) {
    return admission == Admission.NEXT || admission == Admission.DUPLICATE;
  }

  /** The parked row an event is parked behind: a row's id, or an event parked before it here. */
  private long row(long behind) {
    return behind >= 0 ? behind : parkedIn.get((int) (-1 - behind));
  }

  /** Why the event, which waits for its predecessor, waits, or is parked once its wait is over. */
  private VersionGapException gap(EventEnvelope event, boolean over) {
    return new VersionGapException(
        event,
        over
            ? "an earlier event has not come within the gap wait (%d ms)"
                .formatted(gapWaits.gapWait().toMillis())
            : "an earlier event has not come yet");
  }

  /** Parks the event at {@code index} for {@code why}; says so once the transaction commits. */
  private Admission park(int index, RuntimeException why) {
    ConsumerRecord<String, CloudEvent> record = records.get(index);
    parkedIn.put(index, parked.park(record, why));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            FailedRecordLog.parked(record, why);
          }
        });
    return Admission.PARKED;
  }
}
