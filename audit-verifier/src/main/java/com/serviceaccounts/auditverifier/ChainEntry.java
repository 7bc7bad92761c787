package com.serviceaccounts.auditverifier;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of a chain as far as verification is concerned.
 *
 * @param sequence its number in the chain: 1, 2, ...
 * @param id the event id (audit) or entry id (security), to name it in a report
 * @param algorithm the version it was hashed with
 * @param hashed the fields its hash covers
 * @param hash its hash as stored or exported
 */
public record ChainEntry(
    UUID companyId,
    long sequence,
    String id,
    ChainAlgorithm algorithm,
    ObjectNode hashed,
    String hash) {

  /** The hash the entry should have, linked to {@code previousHash}. */
  String recomputed(String previousHash) {
    return algorithm.link(previousHash, hashed);
  }
}
