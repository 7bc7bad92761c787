package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event that the order the service keeps lets through but that its account cannot take: the
 * account is unknown, another company's, or the event is not its next version. The account's
 * missing events would have come before it in that order, so they never will: waiting for them is
 * in vain. It is not retried but parked at once, and what it holds waits behind it.
 */
public class OutOfStepEventException extends RuntimeException {

  public OutOfStepEventException(EventEnvelope event, String found) {
    super("%s is out of step: %s".formatted(VersionGapException.describe(event), found));
  }
}
