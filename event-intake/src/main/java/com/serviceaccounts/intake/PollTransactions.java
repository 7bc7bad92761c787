package com.serviceaccounts.intake;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Applies a poll's events in one transaction; when the database refuses it, one at a time, so that
 * the error handler learns which record it refuses: only the listener can name the failing record
 * of a batch ({@link BatchListenerFailedException}), and the records before it are committed.
 */
public final class PollTransactions {

  private PollTransactions() {}

  /**
   * Applies the events {@code [from, to)} of the poll in a transaction of their own and says what
   * became of them.
   */
  @FunctionalInterface
  public interface Part<O extends Outcome<O>> {
    O apply(int from, int to);
  }

  /** What became of a part's events: their {@link Admissions}, and what else a projection says. */
  public interface Outcome<O extends Outcome<O>> {

    /** What became of each event. */
    Admissions admissions();

    /** This outcome with {@code admissions} instead of its own. */
    O with(Admissions admissions);

    /** This outcome, in which nothing waits, followed by {@code later}, that of the next events. */
    O then(O later);

    /**
     * Why the first of the events that was not applied has to wait (a version gap, a parked record
     * before it); null if every event was applied, skipped as a duplicate or parked.
     */
    default RuntimeException waiting() {
      return admissions().waiting();
    }

    /** The index of the first event that waits; the number of events tried if none of them does. */
    default int firstWaiting() {
      return admissions().firstWaiting();
    }

    /** Whether the event at {@code index} was applied, skipped as a duplicate or parked. */
    default boolean done(int index) {
      return admissions().done(index);
    }

    /** This outcome, with its first event that waits, or the one after those tried, waiting so. */
    default O waitingFor(RuntimeException why) {
      return with(admissions().waitingFor(why));
    }
  }

  /**
   * @param none the outcome of no events
   * @return what became of the poll's {@code size} events; applied one at a time, those after the
   *     first that waits are not tried
   * @throws BatchListenerFailedException naming the event the database refuses
   */
  public static <O extends Outcome<O>> O apply(int size, O none, Part<O> part) {
    // A batch that starts with an unreadable record has nothing to apply: no transaction for it.
    if (size == 0) {
      return none;
    }
    try {
      return part.apply(0, size);
    } catch (RuntimeException batchFailed) {
      if (size == 1) {
        throw new BatchListenerFailedException(batchFailed.getMessage(), batchFailed, 0);
      }
      O outcome = none;
      for (int i = 0; i < size; i++) {
        O single;
        try {
          single = part.apply(i, i + 1);
        } catch (RuntimeException failed) {
          throw new BatchListenerFailedException(failed.getMessage(), failed, i);
        }
        outcome = outcome.then(single);
        if (single.waiting() != null) {
          return outcome;
        }
      }
      return outcome;
    }
  }
}
