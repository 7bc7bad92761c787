package com.serviceaccounts.ui.api;

import java.time.Instant;

/**
 * A chain's newest signed checkpoint from query-service's {@code /audit/checkpoints/latest}, and
 * whether the trail verifies up to it.
 *
 * @param chain {@code audit} or {@code security}
 * @param number {@code null} when the chain has no checkpoint yet
 */
public record AuditCheckpoint(
    String chain,
    Long number,
    Long lastSequence,
    String lastHash,
    Instant createdAt,
    String keyId,
    boolean verified,
    String detail) {}
