package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.query.intake.Projection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every event once, with who did it, when, in which request, and what it changed. Version
 * gaps need no check here: the listing refuses them in the same transaction.
 */
@Component
class AuditTrailProjection implements Projection {

  private static final Logger log = LoggerFactory.getLogger(AuditTrailProjection.class);

  private final AuditTrailRepository entries;

  AuditTrailProjection(AuditTrailRepository entries) {
    this.entries = entries;
  }

  @Override
  public void apply(EventEnvelope event) {
    if (entries.insertIfAbsent(event, AuditChanges.of(event.payload()))) {
      return;
    }
    if (entries.contains(event.eventId())) {
      log.debug("audit trail already holds event {}; skipped", event.eventId());
    } else {
      // Not a redelivery: another event already claims this version. The first one stays.
      log.warn(
          "audit trail already holds version {} of account {} from another event; event {} skipped",
          event.version(),
          event.accountId(),
          event.eventId());
    }
  }
}
