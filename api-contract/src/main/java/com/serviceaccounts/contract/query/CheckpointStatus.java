package com.serviceaccounts.contract.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A chain's newest signed checkpoint and whether the chain verifies up to it, as {@code
 * /companies/{companyId}/audit/checkpoints/latest} answers (one per chain).
 *
 * @param chain {@code audit} or {@code security}
 * @param number the checkpoint's number; {@code null} when there is no checkpoint yet
 * @param lastSequence the entry it covers up to
 * @param verified whether the checkpoints are genuine and the stored chain reaches the newest; with
 *     no checkpoint yet, {@code true} only for an empty chain, which has nothing that could be
 *     missing
 * @param detail what was found, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointStatus(
    String chain,
    Long number,
    Long lastSequence,
    String lastHash,
    Instant createdAt,
    String keyId,
    boolean verified,
    String detail) {}
