package com.serviceaccounts.events.security;

import com.serviceaccounts.events.ReportedTimes;
import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.events.text.CorrelationIds;
import com.serviceaccounts.events.text.UntrustedText;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An attempt that was refused: not an event of any account (nothing changed), but something
 * compliance asks about. Serialized with {@link com.serviceaccounts.events.EventJson} onto {@link
 * com.serviceaccounts.events.EventTopic#SECURITY_NAME}, keyed by company id.
 *
 * @param entryId unique per attempt; the query side stores each id once
 * @param companyId the company the attempt was aimed at (from the request path or the client)
 * @param accountId the service account concerned, or {@code null} when the request named none
 * @param source which service refused: {@code command-service} or {@code token-service}
 * @param operation what was attempted, e.g. {@code POST /companies/{companyId}/service-accounts} or
 *     {@code client_credentials}
 * @param status the HTTP status of the refusal: 401, 403, 409, 412, 422 or 429
 * @param reason why, in words (never a secret, a hash or a token)
 * @param actor who tried: the token's subject, the client id, or {@code anonymous}
 * @param actorType {@code user}, {@code service_account} or {@code anonymous}
 * @param correlationId the request's correlation id
 * @param occurredAt when the attempt was refused
 */
public record SecurityEntry(
    UUID entryId,
    UUID companyId,
    UUID accountId,
    String source,
    String operation,
    int status,
    String reason,
    String actor,
    String actorType,
    String correlationId,
    Instant occurredAt) {

  /** The most characters of an entry's operation (a route, or a grant type). */
  public static final int MAX_OPERATION_LENGTH = 200;

  /** The most characters of an entry's reason. */
  public static final int MAX_REASON_LENGTH = 500;

  private static final Set<String> SOURCES = Set.of("command-service", "token-service");

  /**
   * What no service writes in an entry read at {@code now}, or {@code null}: each text within the
   * limits the writers cut it to and free of control characters, the actor as every edge takes one
   * ({@link Actors}), the correlation id as every edge makes one ({@link CorrelationIds}), a
   * refusal's status, a time not ahead of the clock ({@link ReportedTimes}).
   */
  public String defect(Instant now) {
    if (entryId == null || companyId == null || occurredAt == null) {
      return "entryId, companyId and occurredAt are required";
    }
    if (source == null || !SOURCES.contains(source)) {
      return "source must be one of " + SOURCES;
    }
    if (status < 400 || status > 599) {
      return "status must be an HTTP refusal, 400 to 599";
    }
    if (actorType == null || Actors.typeDefect(actorType) != null) {
      return "actorType must be a lower-case word";
    }
    String defect =
        operation == null ? "is required" : UntrustedText.defect(operation, MAX_OPERATION_LENGTH);
    if (defect != null) {
      return "operation " + defect;
    }
    defect = reason == null ? "is required" : UntrustedText.defect(reason, MAX_REASON_LENGTH);
    if (defect != null) {
      return "reason " + defect;
    }
    defect = actor == null ? "is required" : Actors.defect(actor);
    if (defect != null) {
      return "actor " + defect;
    }
    defect = correlationId == null ? null : CorrelationIds.defect(correlationId);
    if (defect != null) {
      return "correlationId " + defect;
    }
    defect = ReportedTimes.defect(occurredAt, now);
    return defect == null ? null : "occurredAt " + defect;
  }
}
