package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.query.security.SecurityEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** A company's two chains as stored, read alike: their entries in order and their heads. */
@Component
class StoredChains {

  private final AuditTrailRepository auditEntries;
  private final SecurityEntries securityEntries;

  StoredChains(AuditTrailRepository auditEntries, SecurityEntries securityEntries) {
    this.auditEntries = auditEntries;
    this.securityEntries = securityEntries;
  }

  /** The chain's newest entry, as its head records it. */
  record Head(long sequence, String hash) {}

  /** Whether an unbroken walk reached the chain's head, and ended on its hash. */
  static Optional<String> problemAtHead(ChainWalk walk, Head head) {
    if (walk.expected() <= head.sequence()) {
      return Optional.of(
          "entry %d is missing: the chain's head is entry %d"
              .formatted(walk.expected(), head.sequence()));
    }
    return walk.lastHash().equals(head.hash())
        ? Optional.empty()
        : Optional.of("the chain head's hash is not the last entry's hash");
  }

  /** The chain's entries from number {@code from} on, in order, until {@code each} says stop. */
  void each(UUID companyId, ChainKind chain, long from, Predicate<ChainEntry> each) {
    if (chain == ChainKind.AUDIT) {
      auditEntries.oldestFirst(
          new AuditQuery(companyId, null, null, Set.of(), null, null),
          from,
          entry -> each.test(AuditChain.chainEntry(entry)));
    } else {
      securityEntries.inChainOrder(companyId, from, entry -> each.test(entry.chainEntry()));
    }
  }

  /**
   * The chain's entries numbered {@code from} to {@code to}, in order, as stored: one missing in
   * between is not there.
   */
  List<ChainEntry> between(UUID companyId, ChainKind chain, long from, long to) {
    List<ChainEntry> entries = new ArrayList<>();
    each(companyId, chain, from, entry -> entry.sequence() <= to && entries.add(entry));
    return entries;
  }

  /** Whether the chain has no entry at all. */
  boolean isEmpty(UUID companyId, ChainKind chain) {
    List<ChainEntry> first = new ArrayList<>(1);
    each(
        companyId,
        chain,
        1,
        entry -> {
          first.add(entry);
          return false;
        });
    return first.isEmpty();
  }

  Optional<Head> head(UUID companyId, ChainKind chain) {
    return chain == ChainKind.AUDIT
        ? auditEntries.head(companyId).map(h -> new Head(h.companySequence(), h.hash()))
        : securityEntries.head(companyId).map(h -> new Head(h.position(), h.hash()));
  }
}
