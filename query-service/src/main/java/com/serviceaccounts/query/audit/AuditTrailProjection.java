package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.query.audit.AuditTrailRepository.ChainHead;
import com.serviceaccounts.query.intake.Projection;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every event once, with who did it, when, in which request, and what it changed, as the
 * next link of its company's hash chain ({@link AuditChain}). The intake hands over a company's
 * events in company-sequence order, each once; an event already recorded is skipped all the same.
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
    if (entries.contains(event.eventId())) {
      log.debug("audit trail already holds event {}; skipped", event.eventId());
      return;
    }
    // No head yet: this is the company's first entry (append refuses it if it is not number 1).
    String previousHash =
        entries.head(event.companyId()).map(ChainHead::hash).orElse(AuditChain.GENESIS);
    AuditEntryView entry = entry(event);
    entries.append(entry.withHash(AuditChain.hash(previousHash, entry)));
  }

  /** The entry, still without its hash; the time to the microsecond, as PostgreSQL keeps it. */
  private static AuditEntryView entry(EventEnvelope event) {
    return new AuditEntryView(
        event.eventId(),
        event.companyId(),
        event.companySequence(),
        event.accountId(),
        event.version(),
        event.type().shortName(),
        event.actor(),
        event.actorType(),
        event.occurredAt().truncatedTo(ChronoUnit.MICROS),
        event.correlationId(),
        AuditChanges.of(event.payload()),
        null);
  }
}
