package com.serviceaccounts.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * One parked record as operators see it: where it came from, why it was parked, when, how many
 * times, its size and a short preview of its value; never its whole value. The account is shown
 * where the service keeps one, and when a re-drive published it while it is on its way back.
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
    @JsonInclude(JsonInclude.Include.NON_NULL) String redrivenAt,
    int size,
    String preview) {}
