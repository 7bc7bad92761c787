package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.ChainKind;
import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.contract.query.CheckpointStatus;

/** The {@link CheckpointStatus} of a chain, from its newest checkpoint or from having none. */
final class CheckpointStatuses {

  private CheckpointStatuses() {}

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
