package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What became of each event of a poll's part, in its order: the outcome of a projection that
 * applies each holder's events in their order and passes the other holders' events by one that
 * waits, so that an event whose predecessor is missing holds back its own holder only; and the
 * events parked behind their holder's open parked record ({@link PollAdmission}).
 *
 * @param each of the events tried: every event of the part, but for a poll applied one event at a
 *     time, which stops at the first that waits ({@link PollTransactions})
 * @param waiting why the first event that waits does, the first {@code EARLY} one or else the one
 *     after those tried; null if none does
 * @param outOfStep why each {@code OUT_OF_STEP} event is ({@link OutOfStepEventException}, {@link
 *     ConflictingEventException}), by its index
 */
public record Admissions(
    List<Admission> each, RuntimeException waiting, Map<Integer, RuntimeException> outOfStep)
    implements PollTransactions.Outcome<Admissions> {

  /** What becomes of an event. */
  public enum Admission {
    /** Its holder's next event: applied. */
    NEXT,
    /** Applied before: skipped. */
    DUPLICATE,
    /** An earlier event of its holder has not been applied yet: it has to wait. */
    EARLY,
    /**
     * Its holder has an open parked record that holds it: parked behind that record, in the
     * transaction of the poll ({@link PollAdmission}).
     */
    PARKED,
    /**
     * An event its holder cannot take: its holder's next, which the projection cannot take all the
     * same ({@link OutOfStepEventException}), or a second event given a number applied before
     * ({@link ConflictingEventException}). Parked at once, in the transaction of the poll ({@link
     * PollAdmission}), and what it holds waits behind it.
     */
    OUT_OF_STEP
  }

  /** Of no events. */
  public static final Admissions NONE = new Admissions(List.of(), null);

  public Admissions {
    each = List.copyOf(each);
    outOfStep = Map.copyOf(outOfStep);
  }

  public Admissions(List<Admission> each, RuntimeException waiting) {
    this(each, waiting, Map.of());
  }

  /** Of events of which the first that is {@code EARLY} waits for {@code why} (null if none is). */
  public static Admissions of(Admission[] admissions, RuntimeException why) {
    return new Admissions(List.of(admissions), why);
  }

  /** As {@link #of(Admission[], RuntimeException)}, with why each {@code OUT_OF_STEP} one is. */
  public static Admissions of(
      Admission[] admissions,
      RuntimeException why,
      Map<Integer, ? extends RuntimeException> outOfStep) {
    return new Admissions(List.of(admissions), why, Map.copyOf(outOfStep));
  }

  /** How a projection takes the events of a poll, one at a time ({@link #inPasses}). */
  public interface Admitter {

    /**
     * Why the event cannot be taken though it comes in its order ({@code OUT_OF_STEP}: an {@link
     * OutOfStepEventException} or a {@link ConflictingEventException}); null if it can.
     */
    RuntimeException refusal(EventEnvelope event);

    /**
     * Applies the event, which {@link #refusal} let through, if it is its holder's next ({@code
     * NEXT}); otherwise skips it as applied before ({@code DUPLICATE}) or leaves it waiting for a
     * predecessor ({@code EARLY}).
     */
    Admission apply(EventEnvelope event);

    /** Why an event that was not applied waits for its predecessor. */
    RuntimeException gap(EventEnvelope event);
  }

  /**
   * Admits a poll's events in passes over those that wait until a pass applies none: an event may
   * wait for one later in the poll (records of one company on two partitions, or redelivered out of
   * order), and one that waits holds back its own holder only. An event its holder cannot take is
   * {@code OUT_OF_STEP}, and its holder's later events in the poll wait behind it, as they would
   * behind its parked record.
   *
   * @param holder what an event holds back, as {@link ParkingStrategy#holder} in its company
   */
  public static Admissions inPasses(
      List<EventEnvelope> events, Function<EventEnvelope, ?> holder, Admitter admitter) {
    if (events.isEmpty()) {
      return NONE;
    }
    Admission[] admissions = new Admission[events.size()];
    Arrays.fill(admissions, Admission.EARLY);
    Map<Integer, RuntimeException> outOfStep = new HashMap<>();
    Map<Object, Integer> firstRefused = new HashMap<>();
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (int i = 0; i < admissions.length; i++) {
        if (admissions[i] != Admission.EARLY) {
          continue;
        }
        EventEnvelope event = events.get(i);
        Integer refusedBefore = firstRefused.get(holder.apply(event));
        if (refusedBefore != null && refusedBefore < i) {
          continue; // waits behind its holder's event refused before it
        }
        RuntimeException refused = admitter.refusal(event);
        if (refused != null) {
          admissions[i] = Admission.OUT_OF_STEP;
          outOfStep.put(i, refused);
          firstRefused.merge(holder.apply(event), i, Math::min);
        } else {
          admissions[i] = admitter.apply(event);
          progressed |= admissions[i] == Admission.NEXT;
        }
      }
    }
    int firstWaiting = Arrays.asList(admissions).indexOf(Admission.EARLY);
    return of(
        admissions, firstWaiting < 0 ? null : admitter.gap(events.get(firstWaiting)), outOfStep);
  }

  public boolean anyApplied() {
    return each.contains(Admission.NEXT);
  }

  /** Whether the event at {@code index} was applied. */
  public boolean applied(int index) {
    return each.get(index) == Admission.NEXT;
  }

  @Override
  public Admissions admissions() {
    return this;
  }

  @Override
  public Admissions with(Admissions admissions) {
    return admissions;
  }

  @Override
  public int firstWaiting() {
    int early = each.indexOf(Admission.EARLY);
    return early < 0 ? each.size() : early;
  }

  @Override
  public boolean done(int index) {
    return each.get(index) != Admission.EARLY;
  }

  @Override
  public Admissions waitingFor(RuntimeException why) {
    return new Admissions(each, why, outOfStep);
  }

  @Override
  public Admissions then(Admissions later) {
    List<Admission> both = new ArrayList<>(each);
    both.addAll(later.each);
    Map<Integer, RuntimeException> bothOutOfStep = new HashMap<>(outOfStep);
    later.outOfStep.forEach((index, why) -> bothOutOfStep.put(each.size() + index, why));
    return new Admissions(both, later.waiting, bothOutOfStep);
  }
}
