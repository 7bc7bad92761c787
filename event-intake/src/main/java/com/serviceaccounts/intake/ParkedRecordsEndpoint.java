package com.serviceaccounts.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The operators' handle on the parked records ({@link ParkedRecords}): {@code GET
 * /actuator/parked?limit=100} lists the oldest open ones and the count per topic, {@code POST
 * /actuator/parked/{id}} re-drives one once its cause is fixed (with every open parked record of
 * its company or account on its topic, in order), {@code DELETE /actuator/parked/{id}} discards it
 * for good. 404 when there is no such open parked record, 409 when it cannot be re-driven from
 * here. Only operators reach it (each service's operator security).
 */
@Endpoint(id = "parked")
class ParkedRecordsEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final int CONFLICT = 409;

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
    try {
      return answer(id, () -> parked.redrive(id).map(Redriven::new));
    } catch (NotRedrivableException e) {
      return new WebEndpointResponse<>(Map.of("status", 409, "detail", e.getMessage()), CONFLICT);
    }
  }

  @DeleteOperation
  WebEndpointResponse<Object> discard(@Selector long id) {
    return answer(id, () -> parked.discard(id).map(Discarded::new));
  }

  private WebEndpointResponse<Object> answer(long id, Supplier<Optional<?>> operation) {
    return operation
        .get()
        .<WebEndpointResponse<Object>>map(
            body -> new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK))
        .orElseGet(
            () ->
                new WebEndpointResponse<>(
                    Map.of("status", 404, "detail", "no open parked " + parked.noun() + " #" + id),
                    WebEndpointResponse.STATUS_NOT_FOUND));
  }

  record Listing(Map<String, Long> open, List<Parked> records) {}

  record Redriven(List<Parked> published) {}

  record Discarded(Parked discarded) {}
}
