package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.auditverifier.CheckpointChain;
import com.serviceaccounts.contract.query.CheckpointStatus;
import com.serviceaccounts.query.security.SecurityEntries;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
   * The company's newest checkpoint of each chain, and whether the chain as stored now verifies up
   * to it: every checkpoint signed by a published key and chained, every entry intact, none missing
   * or moved, and the entry at the checkpoint's number with the checkpoint's hash.
   */
  List<CheckpointStatus> status(UUID companyId) {
    List<Checkpoint> all = new ArrayList<>();
    checkpoints.all(companyId, all::add);
    List<CheckpointStatus> statuses = new ArrayList<>();
    for (ChainKind chain : ChainKind.values()) {
      List<Checkpoint> verified;
      try {
        verified = CheckpointChain.verified(all, chain, companyId, keys.published());
      } catch (CheckpointChain.InvalidCheckpointException e) {
        Checkpoint newest =
            all.stream().filter(c -> c.chain() == chain).reduce((a, b) -> b).orElseThrow();
        statuses.add(CheckpointStatuses.of(chain, newest, false, e.getMessage()));
        continue;
      }
      if (verified.isEmpty()) {
        statuses.add(CheckpointStatuses.none(chain));
        continue;
      }
      Checkpoint newest = verified.get(verified.size() - 1);
      ChainWalk walk = new ChainWalk(1, ChainAlgorithm.GENESIS, verified);
      walk(companyId, chain, walk, newest.lastSequence());
      Optional<ChainWalk.Break> broken = walk.finish();
      statuses.add(
          CheckpointStatuses.of(
              chain,
              newest,
              broken.isEmpty(),
              broken
                  .map(b -> "entry " + b.sequence() + ": " + b.reason())
                  .orElse("entries 1 to " + newest.lastSequence() + " verify against it")));
    }
    return statuses;
  }

  /** The entries since the newest checkpoint, walked from its hash up to the head. */
  private void verifySince(
      UUID companyId, ChainKind chain, Optional<Checkpoint> newest, Head head) {
    ChainWalk walk =
        new ChainWalk(
            newest.map(c -> c.lastSequence() + 1).orElse(1L),
            newest.map(Checkpoint::lastHash).orElse(ChainAlgorithm.GENESIS),
            List.of());
    walk(companyId, chain, walk, head.sequence());
    Optional<String> problem =
        walk.broken()
            .map(b -> "entry " + b.sequence() + ": " + b.reason())
            .or(
                () ->
                    walk.expected() <= head.sequence()
                        ? Optional.of(
                            "entry %d is missing: the chain's head is entry %d"
                                .formatted(walk.expected(), head.sequence()))
                        : walk.lastHash().equals(head.hash())
                            ? Optional.empty()
                            : Optional.of("the chain head's hash is not the last entry's hash"));
    if (problem.isPresent()) {
      throw new ChainBrokenException(
          "the %s chain does not verify from %s on: %s"
              .formatted(
                  chain.label(),
                  newest.map(c -> "checkpoint " + c.number()).orElse("its first entry"),
                  problem.get()));
    }
  }

  private void walk(UUID companyId, ChainKind chain, ChainWalk walk, long upTo) {
    if (chain == ChainKind.AUDIT) {
      auditEntries.oldestFirst(
          new AuditQuery(companyId, null, null, Set.of(), null, null),
          walk.expected(),
          entry -> entry.companySequence() <= upTo && walk.accept(AuditChain.chainEntry(entry)));
    } else {
      securityEntries.inChainOrder(
          companyId,
          walk.expected(),
          entry -> entry.position() <= upTo && walk.accept(entry.chainEntry()));
    }
  }

  private Optional<Head> head(UUID companyId, ChainKind chain) {
    return chain == ChainKind.AUDIT
        ? auditEntries.head(companyId).map(h -> new Head(h.companySequence(), h.hash()))
        : securityEntries.head(companyId).map(h -> new Head(h.position(), h.hash()));
  }

  private record Head(long sequence, String hash) {}
}
