package com.serviceaccounts.query.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * The operators' handle on the parked records ({@link ParkedRecords}): {@code GET
 * /actuator/parked?limit=100} lists the oldest open ones and the count per topic, {@code POST
 * /actuator/parked/{id}} re-drives one once its cause is fixed (for the event topic, with every
 * open parked record of its company, in order), {@code DELETE /actuator/parked/{id}} discards it
 * for good. 404 when there is no such open parked record.
 */
@Component
@Endpoint(id = "parked")
class ParkedRecordsEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final ParkedRecords parked;

  ParkedRecordsEndpoint(ParkedRecords parked) {
    this.parked = parked;
  }

  @ReadOperation
  Listing list(@Nullable Integer limit) {
    int shown = limit == null ? DEFAULT_LIMIT : limit;
    return new Listing(parked.openByTopic(), parked.open(Math.max(1, Math.min(shown, MAX_LIMIT))));
  }

  @WriteOperation
  WebEndpointResponse<Object> redrive(@Selector long id) {
    return answer(id, parked.redrive(id).map(Redriven::new));
  }

  @DeleteOperation
  WebEndpointResponse<Object> discard(@Selector long id) {
    return answer(id, parked.discard(id).map(Discarded::new));
  }

  private static WebEndpointResponse<Object> answer(long id, Optional<?> done) {
    return done.<WebEndpointResponse<Object>>map(
            body -> new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK))
        .orElseGet(
            () ->
                new WebEndpointResponse<>(
                    Map.of("status", 404, "detail", "no open parked record #" + id),
                    WebEndpointResponse.STATUS_NOT_FOUND));
  }

  record Listing(Map<String, Long> open, List<ParkedRecords.Parked> records) {}

  record Redriven(List<ParkedRecords.Parked> published) {}

  record Discarded(ParkedRecords.Parked discarded) {}
}
