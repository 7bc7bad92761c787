package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.auditverifier.CheckpointChain;
import com.serviceaccounts.contract.query.CheckpointStatus;
import com.serviceaccounts.query.audit.StoredChains.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What {@code GET …/audit/checkpoints/latest} answers: each chain against its newest checkpoint.
 */
@Component
class CheckpointStatuses {

  private final CheckpointRepository checkpoints;
  private final CheckpointKeys keys;
  private final StoredChains chains;

  CheckpointStatuses(CheckpointRepository checkpoints, CheckpointKeys keys, StoredChains chains) {
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.chains = chains;
  }

  /**
   * The company's newest checkpoint of each chain, and whether the chain as stored still verifies
   * up to it, read from it alone so that the cost is bounded by the entries since: the checkpoint
   * is signed by a published key and chains to the one before (whose hash vouches for all earlier
   * ones, checked when they were made); the entry it signed recomputes, from the stored hash of the
   * entry before it, to the hash it signed; and every entry after it links to it, up to the chain's
   * head. Entries before the checkpoint were walked when it was signed and are not read again:
   * {@code GET …/audit/verify} and the standalone verifier walk the whole chain.
   */
  List<CheckpointStatus> of(UUID companyId) {
    List<CheckpointStatus> statuses = new ArrayList<>();
    for (ChainKind chain : ChainKind.values()) {
      List<Checkpoint> newestTwo = checkpoints.newest(companyId, chain, 2);
      if (newestTwo.isEmpty()) {
        statuses.add(withoutCheckpoint(chain, chains.isEmpty(companyId, chain)));
        continue;
      }
      Checkpoint newest = newestTwo.get(0);
      try {
        CheckpointChain.verifyAfter(
            newestTwo.size() > 1 ? newestTwo.get(1) : null, newest, keys.published());
      } catch (CheckpointChain.InvalidCheckpointException e) {
        statuses.add(statusOf(chain, newest, false, e.getMessage()));
        continue;
      }
      Optional<Head> head = chains.head(companyId, chain);
      Optional<String> problem = problemSince(companyId, chain, newest, head);
      statuses.add(
          statusOf(
              chain, newest, problem.isEmpty(), problem.orElseGet(() -> intact(newest, head))));
    }
    return statuses;
  }

  /** What is wrong from the checkpoint's entry to the chain's head, if anything. */
  private Optional<String> problemSince(
      UUID companyId, ChainKind chain, Checkpoint newest, Optional<Head> head) {
    long at = newest.lastSequence();
    long upTo = Math.max(at, head.map(Head::sequence).orElse(0L));
    List<ChainEntry> entries = chains.between(companyId, chain, Math.max(1, at - 1), upTo);
    ChainWalk walk;
    if (at == 1) {
      walk = new ChainWalk(1, ChainAlgorithm.GENESIS, List.of(newest));
    } else if (!entries.isEmpty() && entries.get(0).sequence() == at - 1) {
      // The stored hash of the entry before the checkpoint's anchors a recomputation of that one.
      walk = new ChainWalk(at, entries.remove(0).hash(), List.of(newest));
    } else {
      return Optional.of("entry %d is missing".formatted(at - 1));
    }
    for (ChainEntry entry : entries) {
      if (!walk.accept(entry)) {
        break;
      }
    }
    Optional<ChainWalk.Break> broken = walk.finish();
    if (broken.isPresent()) {
      return broken.map(b -> "entry " + b.sequence() + ": " + b.reason());
    }
    return head.isEmpty()
        ? Optional.of("the chain has entries but no head")
        : StoredChains.problemAtHead(walk, head.get());
  }

  private static String intact(Checkpoint newest, Optional<Head> head) {
    long after = head.map(Head::sequence).orElse(0L) - newest.lastSequence();
    return "entry %d still has the hash it signed%s"
        .formatted(
            newest.lastSequence(),
            after <= 0
                ? ""
                : ", and the %d entries after it (%d to %d) link to it"
                    .formatted(after, newest.lastSequence() + 1, newest.lastSequence() + after));
  }

  private static CheckpointStatus statusOf(
      ChainKind chain, Checkpoint newest, boolean verified, String detail) {
    return new CheckpointStatus(
        chain.label(),
        newest.number(),
        newest.lastSequence(),
        newest.lastHash(),
        newest.createdAt(),
        newest.keyId(),
        verified,
        detail);
  }

  /**
   * A chain no checkpoint covers, judged as the standalone verifier judges its export: without
   * entries, nothing recorded can be missing; with entries, there is nothing signed to compare them
   * with.
   */
  private static CheckpointStatus withoutCheckpoint(ChainKind chain, boolean empty) {
    return new CheckpointStatus(
        chain.label(),
        null,
        null,
        null,
        null,
        null,
        empty,
        empty
            ? "the chain is empty: no entries, and no checkpoint that covers any"
            : "no checkpoint yet");
  }
}
