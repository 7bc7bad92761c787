package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainEntry;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.auditverifier.CheckpointChain;
import com.serviceaccounts.query.security.SecurityEntries;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes and publishes signed checkpoints of the companies' chains. A checkpoint is signed only
 * after the entries since the previous one are walked from its hash and found intact, so a chain
 * altered in the database is not vouched for. Checkpoints are stored first and then sent to Kafka
 * (an outbox): one that Kafka did not acknowledge is sent again on the next round.
 */
public class AuditCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

  /** Companies checkpointed per chain and round; the rest wait for the next round. */
  private static final int COMPANIES_PER_ROUND = 1000;

  private final CheckpointRepository checkpoints;
  private final AuditTrailRepository auditEntries;
  private final SecurityEntries securityEntries;
  private final CheckpointKeys keys;
  private final CheckpointTopic topic;
  private final TransactionTemplate transaction;
  private final Clock clock;

  AuditCheckpoints(
      CheckpointRepository checkpoints,
      AuditTrailRepository auditEntries,
      SecurityEntries securityEntries,
      CheckpointKeys keys,
      CheckpointTopic topic,
      TransactionTemplate transaction,
      Clock clock) {
    this.checkpoints = checkpoints;
    this.auditEntries = auditEntries;
    this.securityEntries = securityEntries;
    this.keys = keys;
    this.topic = topic;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The chain does not verify from its newest checkpoint on: nothing is signed. */
  static final class ChainBrokenException extends RuntimeException {

    ChainBrokenException(String message) {
      super(message);
    }
  }

  /** Signing is not configured on this instance. */
  static final class NoSigningKeyException extends RuntimeException {

    NoSigningKeyException() {
      super(
          "checkpoints are not signed here: service-accounts.audit.checkpoints.signing-key is not"
              + " set");
    }
  }

  boolean signing() {
    return keys.signingKey().isPresent();
  }

  /** Every round: companies whose chains grew get a checkpoint, and unsent ones are sent. */
  @Scheduled(
      fixedDelayString = "${service-accounts.audit.checkpoints.interval:1m}",
      initialDelayString = "${service-accounts.audit.checkpoints.interval:1m}")
  void round() {
    if (!signing()) {
      return;
    }
    publishPending();
    for (ChainKind chain : ChainKind.values()) {
      for (UUID company : checkpoints.companiesAhead(chain, COMPANIES_PER_ROUND)) {
        try {
          checkpoint(company, chain);
        } catch (ChainBrokenException e) {
          log.error("no checkpoint of company {}: {}", company, e.getMessage());
        } catch (RuntimeException e) {
          log.warn("checkpoint of the {} chain of company {} failed", chain.label(), company, e);
        }
      }
    }
  }

  /** Checkpoints of both of the company's chains now; the newest of each (none if empty). */
  List<Checkpoint> checkpointNow(UUID companyId) {
    if (!signing()) {
      throw new NoSigningKeyException();
    }
    List<Checkpoint> newest = new ArrayList<>();
    for (ChainKind chain : ChainKind.values()) {
      checkpoint(companyId, chain).ifPresent(newest::add);
    }
    return newest;
  }

  /**
   * A checkpoint of the chain at its head, made if the head is past the newest checkpoint, and sent
   * to Kafka; the newest checkpoint otherwise.
   *
   * @throws ChainBrokenException if the entries since the newest checkpoint do not verify
   */
  Optional<Checkpoint> checkpoint(UUID companyId, ChainKind chain) {
    PrivateKey key = keys.signingKey().orElseThrow(NoSigningKeyException::new);
    Checkpoint made =
        transaction.execute(
            status -> {
              checkpoints.lock(companyId, chain);
              Optional<Checkpoint> newest = checkpoints.newest(companyId, chain);
              Optional<Head> head = head(companyId, chain);
              if (head.isEmpty()
                  || newest.map(c -> c.lastSequence() >= head.get().sequence()).orElse(false)) {
                return newest.orElse(null);
              }
              verifySince(companyId, chain, newest, head.get());
              Checkpoint checkpoint =
                  Checkpoint.signed(
                      chain,
                      companyId,
                      newest.map(Checkpoint::number).orElse(0L) + 1,
                      head.get().sequence(),
                      head.get().hash(),
                      newest.map(Checkpoint::hash).orElse(ChainAlgorithm.GENESIS),
                      clock.instant().truncatedTo(ChronoUnit.MILLIS),
                      key,
                      keys.signingKeyId());
              checkpoints.insert(checkpoint);
              return checkpoint;
            });
    if (made != null) {
      publishPending();
    }
    return Optional.ofNullable(made);
  }

  /** Sends the checkpoints Kafka has not acknowledged yet, oldest first. */
  void publishPending() {
    for (Checkpoint checkpoint : checkpoints.unpublished(COMPANIES_PER_ROUND)) {
      try {
        topic.send(checkpoint);
      } catch (IllegalStateException e) {
        log.warn("checkpoint not sent to {} yet; it is sent again next round", topic.name(), e);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      checkpoints.markPublished(checkpoint);
    }
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
  List<CheckpointStatus> status(UUID companyId) {
    List<CheckpointStatus> statuses = new ArrayList<>();
    for (ChainKind chain : ChainKind.values()) {
      List<Checkpoint> newestTwo = checkpoints.newest(companyId, chain, 2);
      if (newestTwo.isEmpty()) {
        statuses.add(CheckpointStatus.none(chain));
        continue;
      }
      Checkpoint newest = newestTwo.get(0);
      try {
        CheckpointChain.verifyAfter(
            newestTwo.size() > 1 ? newestTwo.get(1) : null, newest, keys.published());
      } catch (CheckpointChain.InvalidCheckpointException e) {
        statuses.add(CheckpointStatus.of(chain, newest, false, e.getMessage()));
        continue;
      }
      Optional<Head> head = head(companyId, chain);
      Optional<String> problem = problemSince(companyId, chain, newest, head);
      statuses.add(
          CheckpointStatus.of(
              chain, newest, problem.isEmpty(), problem.orElseGet(() -> intact(newest, head))));
    }
    return statuses;
  }

  /** What is wrong from the checkpoint's entry to the chain's head, if anything. */
  private Optional<String> problemSince(
      UUID companyId, ChainKind chain, Checkpoint newest, Optional<Head> head) {
    long at = newest.lastSequence();
    long upTo = Math.max(at, head.map(Head::sequence).orElse(0L));
    // The stored hash of the entry before the checkpoint's anchors a recomputation of that one.
    ChainWalk[] walk = {at == 1 ? new ChainWalk(1, ChainAlgorithm.GENESIS, List.of(newest)) : null};
    each(
        companyId,
        chain,
        Math.max(1, at - 1),
        entry -> {
          if (entry.sequence() > upTo) {
            return false;
          }
          if (walk[0] == null) {
            if (entry.sequence() != at - 1) {
              return false;
            }
            walk[0] = new ChainWalk(at, entry.hash(), List.of(newest));
            return true;
          }
          return walk[0].accept(entry);
        });
    if (walk[0] == null) {
      return Optional.of("entry %d is missing".formatted(at - 1));
    }
    Optional<ChainWalk.Break> broken = walk[0].finish();
    if (broken.isPresent()) {
      return broken.map(b -> "entry " + b.sequence() + ": " + b.reason());
    }
    return head.isEmpty()
        ? Optional.of("the chain has entries but no head")
        : problemAtHead(walk[0], head.get());
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

  /** The entries since the newest checkpoint, walked from its hash up to the head. */
  private void verifySince(
      UUID companyId, ChainKind chain, Optional<Checkpoint> newest, Head head) {
    ChainWalk walk =
        new ChainWalk(
            newest.map(c -> c.lastSequence() + 1).orElse(1L),
            newest.map(Checkpoint::lastHash).orElse(ChainAlgorithm.GENESIS),
            List.of());
    each(
        companyId,
        chain,
        walk.expected(),
        entry -> entry.sequence() <= head.sequence() && walk.accept(entry));
    Optional<String> problem =
        walk.broken()
            .map(b -> "entry " + b.sequence() + ": " + b.reason())
            .or(() -> problemAtHead(walk, head));
    if (problem.isPresent()) {
      throw new ChainBrokenException(
          "the %s chain does not verify from %s on: %s"
              .formatted(
                  chain.label(),
                  newest.map(c -> "checkpoint " + c.number()).orElse("its first entry"),
                  problem.get()));
    }
  }

  /** Whether an unbroken walk reached the chain's head, and ended on its hash. */
  private static Optional<String> problemAtHead(ChainWalk walk, Head head) {
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
  private void each(UUID companyId, ChainKind chain, long from, Predicate<ChainEntry> each) {
    if (chain == ChainKind.AUDIT) {
      auditEntries.oldestFirst(
          new AuditQuery(companyId, null, null, Set.of(), null, null),
          from,
          entry -> each.test(AuditChain.chainEntry(entry)));
    } else {
      securityEntries.inChainOrder(companyId, from, entry -> each.test(entry.chainEntry()));
    }
  }

  private Optional<Head> head(UUID companyId, ChainKind chain) {
    return chain == ChainKind.AUDIT
        ? auditEntries.head(companyId).map(h -> new Head(h.companySequence(), h.hash()))
        : securityEntries.head(companyId).map(h -> new Head(h.position(), h.hash()));
  }

  private record Head(long sequence, String hash) {}
}
