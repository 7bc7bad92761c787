package com.serviceaccounts.auditverifier;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks a chain's entries in order, recomputing every hash, and stops at the first entry that was
 * changed (its hash does not match its fields and its predecessor's hash), is missing (a number is
 * skipped), is out of place (its number is part of what its hash covers), or differs from a signed
 * checkpoint at that number (the chain was rewritten with every hash recomputed). Used by the
 * standalone verifier on exports and by the service on its own tables: one algorithm.
 */
public final class ChainWalk {

  /**
   * @param sequence the number of the entry that is changed, missing or out of place
   * @param id the id of the entry found there; {@code null} if none
   */
  public record Break(long sequence, String id, String reason) {}

  private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
  private long expected;
  private String previousHash;
  private long checked;
  private Checkpoint reached;
  private Break broken;

  /**
   * @param first the number of the first entry to come
   * @param anchor the hash it links to: {@link ChainAlgorithm#GENESIS} for entry 1, otherwise the
   *     hash of the entry before it (as a checkpoint or the store gives it)
   * @param checkpoints checkpoints already found genuine ({@link CheckpointChain}) that the entries
   *     must meet
   */
  public ChainWalk(long first, String anchor, Collection<Checkpoint> checkpoints) {
    this.expected = first;
    this.previousHash = anchor;
    checkpoints.forEach(checkpoint -> this.checkpoints.put(checkpoint.lastSequence(), checkpoint));
  }

  /** Checks the next entry; {@code false} once the chain is broken. */
  public boolean accept(ChainEntry entry) {
    if (broken != null) {
      return false;
    }
    if (entry.sequence() != expected) {
      broken =
          new Break(
              expected,
              entry.sequence() < expected ? entry.id() : null,
              entry.sequence() < expected
                  ? "entry %d is out of place: it comes after entry %d"
                      .formatted(entry.sequence(), expected - 1)
                  : "entry %d is missing: the chain goes from entry %d to entry %d"
                      .formatted(expected, expected - 1, entry.sequence()));
      return false;
    }
    String hash = entry.recomputed(previousHash);
    if (!hash.equals(entry.hash())) {
      broken =
          new Break(
              expected,
              entry.id(),
              "the entry's hash does not match its columns and the previous entry's hash:"
                  + " the entry was changed or moved");
      return false;
    }
    Checkpoint checkpoint = checkpoints.get(expected);
    if (checkpoint != null) {
      if (!checkpoint.lastHash().equals(hash)) {
        broken =
            new Break(
                expected,
                entry.id(),
                ("the chain up to entry %d does not match signed checkpoint %d of %s: entries up to"
                        + " it were changed, removed or moved and the hashes recomputed")
                    .formatted(expected, checkpoint.number(), checkpoint.createdAt()));
        return false;
      }
      reached = checkpoint;
    }
    previousHash = hash;
    expected++;
    checked++;
    return true;
  }

  /**
   * Ends the walk: the newest checkpoint must have been reached, or the entries end before it (its
   * tail was deleted).
   */
  public Optional<Break> finish() {
    if (broken == null && !checkpoints.isEmpty() && checkpoints.lastKey() >= expected) {
      Checkpoint newest = checkpoints.lastEntry().getValue();
      broken =
          new Break(
              expected,
              null,
              "entry %d is missing: the entries end at entry %d but signed checkpoint %d of %s covers entries up to %d"
                  .formatted(
                      expected,
                      expected - 1,
                      newest.number(),
                      newest.createdAt(),
                      newest.lastSequence()));
    }
    return Optional.ofNullable(broken);
  }

  public Optional<Break> broken() {
    return Optional.ofNullable(broken);
  }

  /** How many entries were found intact. */
  public long checked() {
    return checked;
  }

  /** The number the next entry must have. */
  public long expected() {
    return expected;
  }

  /** The hash of the last intact entry (the anchor if none). */
  public String lastHash() {
    return previousHash;
  }

  /** The newest checkpoint the entries met so far. */
  public Optional<Checkpoint> reached() {
    return Optional.ofNullable(reached);
  }
}
