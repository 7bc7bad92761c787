package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;

/**
 * An event of a company with an earlier event parked: it cannot be applied before that one, so it
 * is parked behind it at once, and the company's other records keep their order (ADR 0001).
 */
class ParkedBehindException extends RuntimeException {

  ParkedBehindException(EventEnvelope event, long parkedId) {
    super(
        "%s %s (company sequence %d) of company %s waits behind parked record #%d"
            .formatted(
                event.type().shortName(),
                event.eventId(),
                event.companySequence(),
                event.companyId(),
                parkedId));
  }
}
