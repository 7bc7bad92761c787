package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.function.SingletonSupplier;

/**
 * The events of a poll that may be applied, given the open parked records of what holds them
 * ({@link ParkingStrategy}): those before the first event whose holder has an open parked record
 * that holds it, but for that record re-driven, which is applied and closed together with it.
 *
 * @param size how many, from the first
 * @param behind why the next one waits; null if every event may be applied
 * @param redriven the parked row of each re-driven event among them, by index
 * @param notHolding per holder, its oldest open parked record that holds nothing (one that did not
 *     read as an event)
 */
public record PollAdmission(
    int size,
    ParkedBehindException behind,
    Map<Integer, Long> redriven,
    Map<UUID, Long> notHolding) {

  /**
   * The admission of the poll's events, read when first asked: in the poll's first transaction,
   * whose one-at-a-time fallback keeps what it read.
   */
  public static Supplier<PollAdmission> onFirstUse(
      List<? extends ConsumerRecord<?, ?>> records,
      List<EventEnvelope> events,
      Function<EventEnvelope, UUID> holder,
      ParkedRecords parked) {
    return SingletonSupplier.of(() -> read(records, events, holder, parked));
  }

  /**
   * Reads the open parked records of the events' holders, in the caller's transaction, and admits
   * the events.
   */
  static PollAdmission read(
      List<? extends ConsumerRecord<?, ?>> records,
      List<EventEnvelope> events,
      Function<EventEnvelope, UUID> holder,
      ParkedRecords parked) {
    Map<UUID, Deque<ParkedRecords.Open>> open =
        events.isEmpty()
            ? Map.of()
            : parked.openOf(
                records.get(0).topic(), events.stream().map(holder).distinct().toList());
    Map<UUID, Long> notHolding = new HashMap<>();
    open.forEach(
        (held, parkedRecords) ->
            parkedRecords.stream()
                .filter(parkedRecord -> !parkedRecord.holds())
                .findFirst()
                .ifPresent(first -> notHolding.put(held, first.id())));
    Map<Integer, Long> redriven = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Deque<ParkedRecords.Open> waitingFor = open.get(holder.apply(events.get(i)));
      if (waitingFor == null || waitingFor.isEmpty()) {
        continue;
      }
      if (Long.valueOf(waitingFor.peekFirst().id())
          .equals(ParkedRecords.parkedId(records.get(i)))) {
        // The holder's oldest parked record, re-driven: applied and closed together, once.
        redriven.put(i, waitingFor.removeFirst().id());
      } else if (waitingFor.stream().anyMatch(ParkedRecords.Open::holds)) {
        return new PollAdmission(
            i, parked.behind(events.get(i), waitingFor.peekFirst().id()), redriven, notHolding);
      }
    }
    return new PollAdmission(events.size(), null, redriven, notHolding);
  }

  /**
   * Closes the parked records of the re-driven events among {@code [from, to)} that were applied,
   * in the caller's transaction.
   */
  public void closeApplied(int from, int to, IntPredicate applied, ParkedRecords parked) {
    redriven.forEach(
        (index, parkedId) -> {
          if (index >= from && index < to && applied.test(index)) {
            parked.closeApplied(parkedId);
          }
        });
  }

  /**
   * Why the event waits for its predecessor: behind its holder's parked record that holds nothing,
   * if it has one, since its predecessor may be that record and it would wait for ever; the gap
   * otherwise.
   */
  public RuntimeException waiting(
      EventEnvelope event, UUID holder, RuntimeException gap, ParkedRecords parked) {
    Long unreadable = notHolding.get(holder);
    return unreadable == null ? gap : parked.behind(event, unreadable);
  }
}
