package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.query.audit.StoredChains.Head;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private final StoredChains chains;
  private final CheckpointKeys keys;
  private final CheckpointTopic topic;
  private final TransactionTemplate transaction;
  private final Clock clock;

  AuditCheckpoints(
      CheckpointRepository checkpoints,
      StoredChains chains,
      CheckpointKeys keys,
      CheckpointTopic topic,
      TransactionTemplate transaction,
      Clock clock) {
    this.checkpoints = checkpoints;
    this.chains = chains;
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
              Optional<Head> head = chains.head(companyId, chain);
              if (head.isEmpty()
                  || newest.map(c -> c.lastSequence() >= head.get().sequence()).orElse(false)) {
                return newest.orElse(null);
              }
              verifySince(companyId, chain, newest, head.get());
              Checkpoint checkpoint =
                  new Checkpoint(
                          chain,
                          companyId,
                          newest.map(Checkpoint::number).orElse(0L) + 1,
                          head.get().sequence(),
                          head.get().hash(),
                          newest.map(Checkpoint::hash).orElse(ChainAlgorithm.GENESIS),
                          clock.instant().truncatedTo(ChronoUnit.MILLIS),
                          keys.signingKeyId(),
                          null)
                      .signedWith(key);
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

  /** The entries since the newest checkpoint, walked from its hash up to the head. */
  private void verifySince(
      UUID companyId, ChainKind chain, Optional<Checkpoint> newest, Head head) {
    ChainWalk walk =
        new ChainWalk(
            newest.map(c -> c.lastSequence() + 1).orElse(1L),
            newest.map(Checkpoint::lastHash).orElse(ChainAlgorithm.GENESIS),
            List.of());
    chains.each(
        companyId,
        chain,
        walk.expected(),
        entry -> entry.sequence() <= head.sequence() && walk.accept(entry));
    Optional<String> problem =
        walk.broken()
            .map(b -> "entry " + b.sequence() + ": " + b.reason())
            .or(() -> StoredChains.problemAtHead(walk, head));
    if (problem.isPresent()) {
      throw new ChainBrokenException(
          "the %s chain does not verify from %s on: %s"
              .formatted(
                  chain.label(),
                  newest.map(c -> "checkpoint " + c.number()).orElse("its first entry"),
                  problem.get()));
    }
  }
}
