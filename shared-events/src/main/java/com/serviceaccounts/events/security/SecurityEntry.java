package com.serviceaccounts.events.security;

import java.time.Instant;
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
    Instant occurredAt) {}
