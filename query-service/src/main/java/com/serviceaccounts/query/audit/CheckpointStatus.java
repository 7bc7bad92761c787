package com.serviceaccounts.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.Checkpoint;
import java.time.Instant;

/**
 * A chain's newest checkpoint and whether the chain verifies up to it.
 *
 * @param chain {@code audit} or {@code security}
 * @param number the checkpoint's number; {@code null} when there is no checkpoint yet
 * @param lastSequence the entry it covers up to
 * @param verified whether the checkpoints are genuine and the stored chain reaches the newest
 * @param detail what was found, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CheckpointStatus(
    String chain,
    Long number,
    Long lastSequence,
    String lastHash,
    Instant createdAt,
    String keyId,
    boolean verified,
    String detail) {

  static CheckpointStatus of(ChainKind chain, Checkpoint newest, boolean verified, String detail) {
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

  static CheckpointStatus none(ChainKind chain) {
    return new CheckpointStatus(
        chain.label(), null, null, null, null, null, false, "no checkpoint yet");
  }
}
