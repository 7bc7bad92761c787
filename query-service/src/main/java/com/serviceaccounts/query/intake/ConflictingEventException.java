package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.UUID;

/**
 * An event whose number in its company's sequence is another event's, applied before: not a
 * redelivery but a second event given the same number (an event store restored to an earlier point
 * and written again, or a record no command side wrote). Skipping it as a duplicate would lose it
 * without a word; it is parked, and its company's later events wait behind it.
 */
class ConflictingEventException extends RuntimeException {

  ConflictingEventException(EventEnvelope event, UUID applied) {
    super(
        "%s %s is number %d of company %s, which is event %s already: two events have one number"
            .formatted(
                event.type().shortName(),
                event.eventId(),
                event.companySequence(),
                event.companyId(),
                applied));
  }
}
