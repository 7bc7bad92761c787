package com.serviceaccounts.intake;

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
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DiscardedCopyException) {
        return true;
      }
    }
    return false;
  }
}
