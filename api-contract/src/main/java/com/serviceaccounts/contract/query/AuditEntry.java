package com.serviceaccounts.contract.query;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event in a company's audit trail, as {@code …/audit} and an account's {@code …/audit} list
 * it.
 *
 * @param companySequence the event's place among the company's events (1, 2, ...): the order of the
 *     trail and of its hash chain
 * @param version the account's version after the event
 * @param type the event's short name, e.g. {@code ServiceAccountEdited}
 * @param actor who caused it: a token's subject, or the system actor
 * @param actorType {@code user}, {@code service_account} or {@code system}
 * @param changes field name to {@code {"before": ..., "after": ...}}: after-only for a creation, a
 *     rotation and a deletion's {@code restorableUntil}, {@code "after": null, "erased": true} for
 *     an erased contact email. Kept as the JSON it is stored and hashed as: {@code "before"} absent
 *     and {@code "before": null} say different things, and the entry's hash covers exactly this.
 * @param chainVersion the version of the chain algorithm its hash was computed with
 * @param hash the entry's link in the company's hash chain (hex SHA-256)
 */
public record AuditEntry(
    UUID eventId,
    UUID companyId,
    long companySequence,
    UUID accountId,
    long version,
    String type,
    String actor,
    String actorType,
    Instant occurredAt,
    String correlationId,
    JsonNode changes,
    int chainVersion,
    String hash) {

  /** The value a field had before the event, as text: {@code null} when it had none. */
  public static String before(JsonNode change) {
    return text(change.path("before"));
  }

  /** The value a field has after the event, as text: {@code null} when it has none. */
  public static String after(JsonNode change) {
    return text(change.path("after"));
  }

  /** Whether the value after the event was erased (a contact email whose key is destroyed). */
  public static boolean erased(JsonNode change) {
    JsonNode erased = change.path("erased");
    return erased.isBoolean() && erased.booleanValue();
  }

  private static String text(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? null : value.asString();
  }

  public AuditEntry withHash(String chainHash) {
    return with(changes, chainHash);
  }

  public AuditEntry withChanges(JsonNode shown) {
    return with(shown, hash);
  }

  private AuditEntry with(JsonNode shownChanges, String chainHash) {
    return new AuditEntry(
        eventId,
        companyId,
        companySequence,
        accountId,
        version,
        type,
        actor,
        actorType,
        occurredAt,
        correlationId,
        shownChanges,
        chainVersion,
        chainHash);
  }
}
