package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event that comes in the order the service keeps (its company's sequence) but that its account
 * cannot take: the account is unknown, or the event is not its next version. The account's missing
 * events would have come before it in that order, so they never will: waiting for them is in vain.
 * It is not retried but parked at once, and what it holds waits behind it.
 */
public class OutOfStepEventException extends RuntimeException {

  public OutOfStepEventException(EventEnvelope event, String found) {
    super(
        "%s comes in its company's order, but %s"
            .formatted(VersionGapException.describe(event), found));
  }
}
