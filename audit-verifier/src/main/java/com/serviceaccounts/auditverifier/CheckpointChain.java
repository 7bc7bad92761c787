package com.serviceaccounts.auditverifier;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks one company's checkpoints of one chain: each signed by a published key, numbered 1, 2,
 * ..., each chained to the one before, none going back in the chain. A checkpoint that fails is
 * forged or altered, and nothing after it is trusted.
 */
public final class CheckpointChain {

  private CheckpointChain() {}

  /**
   * The company's checkpoints of that chain from {@code all}, in order, once every one is found
   * genuine.
   *
   * @param keys the published public keys by key id
   * @throws InvalidCheckpointException naming the first checkpoint that is not genuine
   */
  public static List<Checkpoint> verified(
      Iterable<Checkpoint> all, ChainKind chain, UUID companyId, Map<String, PublicKey> keys) {
    List<Checkpoint> mine = new ArrayList<>();
    for (Checkpoint checkpoint : all) {
      if (checkpoint.chain() == chain && checkpoint.companyId().equals(companyId)) {
        mine.add(checkpoint);
      }
    }
    mine.sort(Comparator.comparingLong(Checkpoint::number));
    String previousHash = ChainAlgorithm.GENESIS;
    long previousSequence = 0;
    for (int i = 0; i < mine.size(); i++) {
      Checkpoint checkpoint = mine.get(i);
      check(checkpoint, i + 1, previousHash, previousSequence, keys);
      previousHash = checkpoint.hash();
      previousSequence = checkpoint.lastSequence();
    }
    return mine;
  }

  /**
   * Checks one checkpoint against the one before it alone: enough when the earlier ones were
   * checked before, since its {@code previousCheckpointHash} vouches for that one's whole body.
   *
   * @param previous the checkpoint numbered one less; {@code null} if there is none
   * @throws InvalidCheckpointException if {@code newest} is not genuine or does not follow it
   */
  public static void verifyAfter(
      Checkpoint previous, Checkpoint newest, Map<String, PublicKey> keys) {
    if (previous == null) {
      check(newest, 1, ChainAlgorithm.GENESIS, 0, keys);
    } else {
      check(newest, previous.number() + 1, previous.hash(), previous.lastSequence(), keys);
    }
  }

  private static void check(
      Checkpoint checkpoint,
      long number,
      String previousHash,
      long previousSequence,
      Map<String, PublicKey> keys) {
    PublicKey key = keys.get(checkpoint.keyId());
    if (key == null) {
      throw new InvalidCheckpointException(
          checkpoint, "it names key " + checkpoint.keyId() + ", which is not a published key");
    }
    if (!checkpoint.signedBy(key)) {
      throw new InvalidCheckpointException(
          checkpoint, "its signature is not key " + checkpoint.keyId() + "'s: it is forged");
    }
    if (checkpoint.number() != number) {
      throw new InvalidCheckpointException(
          checkpoint,
          "checkpoint %d is missing (the checkpoints go from %d to %d)"
              .formatted(number, number - 1, checkpoint.number()));
    }
    if (!checkpoint.previousCheckpointHash().equals(previousHash)) {
      throw new InvalidCheckpointException(
          checkpoint,
          "it does not chain to checkpoint " + (number - 1) + " (its previousCheckpointHash)");
    }
    if (checkpoint.lastSequence() < previousSequence) {
      throw new InvalidCheckpointException(
          checkpoint,
          "it covers entries up to %d, fewer than checkpoint %d (%d)"
              .formatted(checkpoint.lastSequence(), number - 1, previousSequence));
    }
  }

  /** A checkpoint that is not genuine. */
  public static final class InvalidCheckpointException extends RuntimeException {

    InvalidCheckpointException(Checkpoint checkpoint, String why) {
      super(
          "checkpoint %d of the %s chain of company %s is not genuine: %s"
              .formatted(
                  checkpoint.number(), checkpoint.chain().label(), checkpoint.companyId(), why));
    }
  }
}
