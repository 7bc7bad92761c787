package com.serviceaccounts.token.credentials;

import com.serviceaccounts.events.EventEnvelope;

/** An event of an account with an earlier event parked: parked behind it at once. */
class ParkedBehindException extends RuntimeException {

  ParkedBehindException(EventEnvelope event, long parkedId) {
    super(
        "%s %s (version %d) of account %s waits behind parked event #%d"
            .formatted(
                event.type().shortName(),
                event.eventId(),
                event.version(),
                event.accountId(),
                parkedId));
  }
}
