package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event arrived before one of its predecessors. The publisher delivers each account's events in
 * order (at least once), so a gap means something upstream is wrong: the record is retried, never
 * skipped, and the account's partition waits until the missing event shows up.
 */
public class VersionGapException extends RuntimeException {

  public VersionGapException(EventEnvelope event, String found) {
    super(
        "cannot apply %s %s (version %d) of account %s: %s"
            .formatted(
                event.type().shortName(),
                event.eventId(),
                event.version(),
                event.accountId(),
                found));
  }
}
