package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.query.audit.AuditTrailRepository.ChainHead;
import com.serviceaccounts.query.audit.AuditTrailRepository.SequenceRange;
import com.serviceaccounts.query.audit.AuditVerification.Break;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Walks a company's audit chain in company-sequence order ({@link ChainWalk}, the verifier's own
 * walk), recomputing every hash, and reports the first entry that was changed (its hash no longer
 * matches its columns and its predecessor's hash), is missing (a number is skipped), or is out of
 * place (a moved entry's number is part of what its hash covers). Without a time range it walks
 * from number 1 and also compares the end with the chain head, so that removing the newest entries
 * shows; with one, it walks from the first to the last entry in the range and starts from the
 * stored hash of the entry before.
 */
@Component
class AuditChainVerifier {

  private final AuditTrailRepository entries;

  AuditChainVerifier(AuditTrailRepository entries) {
    this.entries = entries;
  }

  AuditVerification verify(UUID companyId, Instant from, Instant to) {
    boolean whole = from == null && to == null;
    Optional<ChainHead> head = entries.head(companyId);
    Optional<SequenceRange> range =
        whole
            ? head.map(h -> new SequenceRange(1, h.companySequence()))
            : entries.sequenceRange(new AuditQuery(companyId, null, null, Set.of(), from, to));
    if (range.isEmpty()) {
      return whole && entries.sequenceRange(everything(companyId)).isPresent()
          ? AuditVerification.broken(
              0, null, null, new Break(1, null, "the company has entries but no chain head"))
          : AuditVerification.intact(0, null, null);
    }
    long first = range.get().first();
    Optional<String> anchor =
        first == 1 ? Optional.of(AuditChain.GENESIS) : entries.hashOf(companyId, first - 1);
    if (anchor.isEmpty()) {
      return AuditVerification.broken(
          0, null, null, new Break(first - 1, null, "entry " + (first - 1) + " is missing"));
    }
    long last = range.get().last();
    ChainWalk walk = new ChainWalk(first, anchor.get(), List.of());
    entries.oldestFirst(
        everything(companyId),
        first,
        entry -> entry.companySequence() <= last && walk.accept(AuditChain.chainEntry(entry)));
    Break broken = walk.broken().map(AuditChainVerifier::view).orElse(null);
    if (broken == null && walk.expected() <= last) {
      broken =
          new Break(
              walk.expected(),
              null,
              "entry %d is missing; the chain ends at %d but %s"
                  .formatted(
                      walk.expected(),
                      walk.expected() - 1,
                      whole ? "its head is entry " + last : "the range ends at entry " + last));
    }
    if (broken == null
        && whole
        && !walk.lastHash().equals(head.map(ChainHead::hash).orElseThrow())) {
      broken = new Break(last, null, "the chain head's hash is not the last entry's hash");
    }
    Long lastSequence = walk.checked() == 0 ? null : walk.expected() - 1;
    String lastHash = walk.checked() == 0 ? null : walk.lastHash();
    return broken == null
        ? AuditVerification.intact(walk.checked(), lastSequence, lastHash)
        : AuditVerification.broken(walk.checked(), lastSequence, lastHash, broken);
  }

  private static Break view(ChainWalk.Break broken) {
    return new Break(
        broken.sequence(),
        broken.id() == null ? null : UUID.fromString(broken.id()),
        broken.reason());
  }

  private static AuditQuery everything(UUID companyId) {
    return new AuditQuery(companyId, null, null, Set.of(), null, null);
  }
}
