package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.query.audit.AuditTrailRepository.ChainHead;
import com.serviceaccounts.query.intake.ProjectedTable;
import com.serviceaccounts.query.intake.Projection;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records every event once, with who did it, when, in which request, and what it changed, as the
 * next link of its company's hash chain ({@link AuditChain}). The intake hands over a company's
 * events in company-sequence order, each once; one the chain holds already (its number is at or
 * below the chain's head: a chain holds every number up to its head) is skipped all the same, and
 * one beyond the next number fails the batch.
 */
@Component
class AuditTrailProjection implements Projection {

  private final AuditTrailRepository entries;

  AuditTrailProjection(AuditTrailRepository entries) {
    this.entries = entries;
  }

  @Override
  public List<ProjectedTable> tables() {
    return List.of(
        ProjectedTable.appendOnly("audit_entry"), ProjectedTable.keyed("audit_chain_head"));
  }

  @Override
  public Changes prepare(List<EventEnvelope> events) {
    return new Appends(entries.lockHeads(events.stream().map(EventEnvelope::companyId).toList()));
  }

  /** A transaction's new entries, chained in memory to the heads read at its start. */
  private final class Appends implements Changes {

    private final Map<UUID, ChainHead> storedHeads;
    private final Map<UUID, ChainHead> heads;
    private final List<AuditEntry> appended = new ArrayList<>();

    private Appends(Map<UUID, ChainHead> storedHeads) {
      this.storedHeads = storedHeads;
      this.heads = new HashMap<>(storedHeads);
    }

    @Override
    public void apply(EventEnvelope event) {
      ChainHead head = heads.get(event.companyId());
      long headSequence = head == null ? 0 : head.companySequence();
      if (event.companySequence() <= headSequence) {
        return;
      }
      if (event.companySequence() != headSequence + 1) {
        throw new IllegalStateException(
            "audit chain of company %s is at number %d; entry for event %s (number %d) not stored"
                .formatted(
                    event.companyId(), headSequence, event.eventId(), event.companySequence()));
      }
      AuditEntry entry = entry(event);
      String hash = AuditChain.hash(head == null ? AuditChain.GENESIS : head.hash(), entry);
      appended.add(entry.withHash(hash));
      heads.put(event.companyId(), new ChainHead(event.companySequence(), hash));
    }

    @Override
    public void write() {
      entries.append(appended, storedHeads, heads);
    }
  }

  /** The entry, still without its hash; the time to the microsecond, as PostgreSQL keeps it. */
  private static AuditEntry entry(EventEnvelope event) {
    return new AuditEntry(
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
        ChainAlgorithm.CURRENT.version(),
        null);
  }
}
