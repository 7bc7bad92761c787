package com.serviceaccounts.intake;

import com.serviceaccounts.events.RecordFailures;

/**
 * A re-driven copy of a parked record that an operator discarded while the copy was on its way: a
 * discarded record is never applied, so the copy is dropped (neither applied nor parked again).
 */
public class DiscardedCopyException extends RuntimeException {

  DiscardedCopyException(String noun, long parkedId) {
    super("a re-driven copy of parked %s #%d, discarded since".formatted(noun, parkedId));
  }

  /** Whether {@code failure} is, or was caused by, a copy of a discarded parked record. */
  static boolean isCause(Throwable failure) {
    return RecordFailures.causeOf(failure, DiscardedCopyException.class) != null;
  }
}
