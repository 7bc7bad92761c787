package com.serviceaccounts.intake;

/**
 * An event whose company or account (what the service keeps in order, {@link ParkingStrategy}) has
 * an earlier event parked: it cannot be applied before that one, so it is parked behind it at once
 * (in the transaction of its poll, {@link PollAdmission}), and the other records keep their order
 * (ADR 0001). Made by {@link ParkedRecords#behind}.
 */
public class ParkedBehindException extends RuntimeException {

  private final long parkedId;

  ParkedBehindException(String event, String noun, long parkedId) {
    super("%s waits behind parked %s #%d".formatted(event, noun, parkedId));
    this.parkedId = parkedId;
  }

  /** The parked record it waits behind. */
  long parkedId() {
    return parkedId;
  }
}
