package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.UUID;

/**
 * An event whose number is another event's, applied before: not a redelivery but a second event
 * given the same number (an event store restored to an earlier point and written again, or a record
 * no command side wrote). Skipping it as a duplicate would lose it without a word; it is parked,
 * and what it holds (its company, or its account) waits behind it.
 */
public class ConflictingEventException extends RuntimeException {

  private ConflictingEventException(EventEnvelope event, String number, UUID applied) {
    super(
        "%s %s is %s, which is event %s already: two events have one number"
            .formatted(event.type().shortName(), event.eventId(), number, applied));
  }

  /** Its place in its company's sequence is {@code applied}'s. */
  public static ConflictingEventException inCompanySequence(EventEnvelope event, UUID applied) {
    return new ConflictingEventException(
        event,
        "number %d of company %s".formatted(event.companySequence(), event.companyId()),
        applied);
  }

  /** Its account's version is {@code applied}'s. */
  public static ConflictingEventException inAccountVersions(EventEnvelope event, UUID applied) {
    return new ConflictingEventException(
        event, "version %d of account %s".formatted(event.version(), event.accountId()), applied);
  }
}
