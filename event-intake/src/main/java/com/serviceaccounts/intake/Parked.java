package com.serviceaccounts.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * One parked record as operators see it: where it came from, why it was parked, when, how many
 * times, its size and a short preview of its value; never its whole value. The account is shown
 * where the service keeps one.
 */
record Parked(
    long id,
    String topic,
    int partition,
    long offset,
    String key,
    UUID companyId,
    @JsonInclude(JsonInclude.Include.NON_NULL) UUID accountId,
    String reason,
    String parkedAt,
    int attempts,
    int size,
    String preview) {}
