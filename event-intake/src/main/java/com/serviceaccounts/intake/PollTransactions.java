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
   * Applies the events {@code [from, to)} of the poll in a transaction of their own and says how
   * far among them it got.
   */
  @FunctionalInterface
  public interface Part {
    Progress apply(int from, int to);
  }

  /**
   * How far a part of a poll was applied.
   *
   * @param through how many of its events were applied or skipped as duplicates before the first
   *     that has to wait
   * @param gap why that one waits; null if none does
   */
  public record Progress(int through, VersionGapException gap) {}

  /**
   * @return how far the poll's {@code size} events were applied
   * @throws BatchListenerFailedException naming the event the database refuses
   */
  public static Progress apply(int size, Part part) {
    // A batch that starts with an unreadable record has nothing to apply: no transaction for it.
    if (size == 0) {
      return new Progress(0, null);
    }
    try {
      return part.apply(0, size);
    } catch (RuntimeException batchFailed) {
      if (size == 1) {
        throw new BatchListenerFailedException(batchFailed.getMessage(), batchFailed, 0);
      }
      for (int i = 0; i < size; i++) {
        Progress single;
        try {
          single = part.apply(i, i + 1);
        } catch (RuntimeException failed) {
          throw new BatchListenerFailedException(failed.getMessage(), failed, i);
        }
        if (single.gap() != null) {
          return new Progress(i, single.gap());
        }
      }
      return new Progress(size, null);
    }
  }
}
