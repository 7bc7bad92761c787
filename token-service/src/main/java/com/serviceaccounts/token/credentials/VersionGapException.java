package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event arrived before one of its predecessors: the record is retried, never skipped, and the
 * account's partition waits until the missing event shows up.
 */
class VersionGapException extends RuntimeException {

  VersionGapException(EventEnvelope event, String found) {
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
