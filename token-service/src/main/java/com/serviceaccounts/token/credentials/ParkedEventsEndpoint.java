package com.serviceaccounts.token.credentials;

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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The operators' handle on the parked events ({@link ParkedEvents}), with query-service's paths and
 * answers: {@code GET /actuator/parked?limit=100} lists the oldest open ones and the count per
 * topic, {@code POST /actuator/parked/{id}} re-drives one once its cause is fixed (with every open
 * parked event of its account, in order), {@code DELETE /actuator/parked/{id}} discards it for
 * good. 404 when there is no such open parked event, 409 when it cannot be re-driven from here.
 * Only operators reach it (OperatorSecurityConfiguration).
 */
@Component
@Endpoint(id = "parked")
class ParkedEventsEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final ParkedEvents parked;

  ParkedEventsEndpoint(ParkedEvents parked) {
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
    } catch (ParkedEvents.NotRedrivableException e) {
      return new WebEndpointResponse<>(
          Map.of("status", 409, "detail", e.getMessage()), HttpStatus.CONFLICT.value());
    }
  }

  @DeleteOperation
  WebEndpointResponse<Object> discard(@Selector long id) {
    return answer(id, () -> parked.discard(id).map(Discarded::new));
  }

  private static WebEndpointResponse<Object> answer(long id, Supplier<Optional<?>> operation) {
    return operation
        .get()
        .<WebEndpointResponse<Object>>map(
            body -> new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK))
        .orElseGet(
            () ->
                new WebEndpointResponse<>(
                    Map.of("status", 404, "detail", "no open parked event #" + id),
                    WebEndpointResponse.STATUS_NOT_FOUND));
  }

  record Listing(Map<String, Long> open, List<ParkedEvents.Parked> records) {}

  record Redriven(List<ParkedEvents.Parked> published) {}

  record Discarded(ParkedEvents.Parked discarded) {}
}
