package com.serviceaccounts.intake;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The operators' view of the records set aside: {@code GET /actuator/deadletters?limit=100} lists
 * the newest dead letters (where each is, why, a short preview), {@code POST
 * /actuator/deadletters/{partition}/{offset}} publishes one on the event topic again once its cause
 * is fixed (404, problem+json, if there is no such dead letter).
 */
@Endpoint(id = "deadletters")
class DeadLettersEndpoint {

  static final int DEFAULT_LIMIT = 100;

  private final DeadLetterRecords deadLetters;

  DeadLettersEndpoint(DeadLetterRecords deadLetters) {
    this.deadLetters = deadLetters;
  }

  @ReadOperation
  // A long, so that a limit beyond an int is told the listing's range, not the int's.
  WebEndpointResponse<Object> list(@Nullable Long limit) {
    if (limit != null && (limit < 1 || limit > DeadLetterRecords.MAX_LISTED)) {
      return OperatorProblems.limitOutOfRange(DeadLetterRecords.MAX_LISTED);
    }
    int shown = limit == null ? DEFAULT_LIMIT : limit.intValue();
    return new WebEndpointResponse<>(deadLetters.list(shown), WebEndpointResponse.STATUS_OK);
  }

  @WriteOperation
  WebEndpointResponse<Object> replay(@Selector int partition, @Selector long offset) {
    return deadLetters
        .replay(partition, offset)
        .<WebEndpointResponse<Object>>map(
            replay -> new WebEndpointResponse<>(replay, WebEndpointResponse.STATUS_OK))
        .orElseGet(
            () ->
                OperatorProblems.notFound(
                    "no dead letter at partition %d, offset %d of %s"
                        .formatted(partition, offset, deadLetters.name())));
  }
}
