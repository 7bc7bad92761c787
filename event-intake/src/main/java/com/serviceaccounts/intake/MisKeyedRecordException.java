package com.serviceaccounts.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.RecordFailures;
import com.serviceaccounts.events.UnreadableEventException;

/**
 * A record of the event topic keyed otherwise than by its event's company: the command side keys
 * each event by its company, whose order the partition keeps, so the record is in no company's
 * order and no command side wrote it. It is set aside and holds nothing: the account and company it
 * names get their real events as they come.
 */
public class MisKeyedRecordException extends UnreadableEventException {

  MisKeyedRecordException(EventEnvelope event) {
    super(
        "%s %s: its record's key is not its company %s, as the command side keys events"
            .formatted(event.type().shortName(), event.eventId(), event.companyId()));
  }

  /** Whether {@code failure} is, or was caused by, a record keyed otherwise than its company. */
  public static boolean isCause(Throwable failure) {
    return RecordFailures.causeOf(failure, MisKeyedRecordException.class) != null;
  }
}
