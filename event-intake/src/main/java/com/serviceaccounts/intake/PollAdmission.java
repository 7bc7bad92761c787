package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The events of a poll that may be applied, given the open parked records of what holds them
 * ({@link ParkingStrategy#holder}): those before the first event whose holder has an open parked
 * record that holds it, but for that record re-driven, which is applied and closed together with
 * it, and before the first re-driven copy of a parked record discarded since, which is dropped.
 */
final class PollAdmission {

  private final ParkedRecords parked;
  private final ParkingStrategy strategy;

  /** How many, from the first. */
  private final int size;

  /**
   * Why the next one is not applied: it waits behind a parked record, or is a copy of a discarded
   * one; null if every event may be applied.
   */
  private final RuntimeException behind;

  /** The parked row of each re-driven event among them, by index. */
  private final Map<Integer, Long> redriven;

  /** Per company, its oldest open parked record that holds nothing (one that did not read). */
  private final Map<UUID, Long> notHolding;

  private PollAdmission(
      ParkedRecords parked,
      ParkingStrategy strategy,
      int size,
      RuntimeException behind,
      Map<Integer, Long> redriven,
      Map<UUID, Long> notHolding) {
    this.parked = parked;
    this.strategy = strategy;
    this.size = size;
    this.behind = behind;
    this.redriven = redriven;
    this.notHolding = notHolding;
  }

  /**
   * Reads the open parked records of the events' holders, in the caller's transaction, and admits
   * the events.
   */
  static PollAdmission read(EventPoll poll, ParkedRecords parked, ParkingStrategy strategy) {
    List<EventEnvelope> events = poll.events();
    ParkedRecords.OpenParked parkedRecords =
        events.isEmpty()
            ? new ParkedRecords.OpenParked(Map.of(), Map.of())
            : parked.openOf(
                poll.records().get(0).topic(),
                events.stream().map(strategy::holder).collect(Collectors.toSet()),
                events.stream().map(EventEnvelope::companyId).collect(Collectors.toSet()));
    Map<UUID, Deque<ParkedRecords.Open>> open = parkedRecords.byHolder();
    Map<UUID, Long> notHolding = parkedRecords.notHolding();
    Map<Integer, Long> redriven = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      DiscardedCopyException discarded = parked.discardedCopy(poll.records().get(i));
      if (discarded != null) {
        return new PollAdmission(parked, strategy, i, discarded, redriven, notHolding);
      }
      Deque<ParkedRecords.Open> waitingFor = open.get(strategy.holder(events.get(i)));
      if (waitingFor == null || waitingFor.isEmpty()) {
        continue;
      }
      if (Long.valueOf(waitingFor.peekFirst().id())
          .equals(parked.parkedId(poll.records().get(i)))) {
        // The holder's oldest parked record, re-driven: applied and closed together, once.
        redriven.put(i, waitingFor.removeFirst().id());
      } else if (waitingFor.stream().anyMatch(ParkedRecords.Open::holds)) {
        ParkedBehindException behind = parked.behind(events.get(i), waitingFor.peekFirst().id());
        return new PollAdmission(parked, strategy, i, behind, redriven, notHolding);
      }
    }
    return new PollAdmission(parked, strategy, events.size(), null, redriven, notHolding);
  }

  /**
   * Applies the admitted events among {@code [from, to)} with {@code projection}, and closes the
   * parked records of the re-driven ones it applied, in the caller's transaction.
   *
   * @param none the outcome of no events
   * @return what became of the events: the first that was not admitted waits behind its parked
   *     record
   */
  <O extends PollTransactions.Outcome<O>> O apply(
      List<EventEnvelope> events,
      int from,
      int to,
      O none,
      Function<List<EventEnvelope>, O> projection) {
    int end = Math.max(from, Math.min(to, size));
    O outcome = from < end ? projection.apply(events.subList(from, end)) : none;
    redriven.forEach(
        (index, parkedId) -> {
          if (index >= from && index < end && outcome.done(index - from)) {
            parked.closeApplied(parkedId);
          }
        });
    if (outcome.waiting() != null) {
      return outcome.waitingFor(waiting(events.get(from + outcome.firstWaiting()), outcome));
    }
    return end < to ? outcome.waitingFor(behind) : outcome;
  }

  /**
   * Why the event waits for its predecessor: behind its company's parked record that holds nothing,
   * if it has one, since its predecessor may be that record and it would wait for ever; as the
   * projection says otherwise.
   */
  private RuntimeException waiting(EventEnvelope event, PollTransactions.Outcome<?> outcome) {
    Long unreadable = notHolding.get(event.companyId());
    return unreadable == null ? outcome.waiting() : parked.behind(event, unreadable);
  }
}
