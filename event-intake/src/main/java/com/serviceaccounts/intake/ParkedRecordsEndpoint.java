package com.serviceaccounts.intake;

import com.serviceaccounts.contract.problem.ProblemCode;
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

/**
 * The operators' handle on the parked records ({@link ParkedRecords}): {@code GET
 * /actuator/parked?limit=100} lists the oldest open ones and the count per topic, {@code POST
 * /actuator/parked/{id}} re-drives one once its cause is fixed (with every open parked record of
 * its company or account on its topic, in order), {@code DELETE /actuator/parked/{id}} discards it
 * for good. 404 when there is no such open parked record, 409 when it cannot be re-driven from
 * here, both problem+json. Only operators reach it (each service's operator security).
 */
@Endpoint(id = "parked")
class ParkedRecordsEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final ParkedRecords parked;

  ParkedRecordsEndpoint(ParkedRecords parked) {
    this.parked = parked;
  }

  @ReadOperation
  // A long, so that a limit beyond an int is told the listing's range, not the int's.
  WebEndpointResponse<Object> list(@Nullable Long limit) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      return OperatorProblems.limitOutOfRange(MAX_LIMIT);
    }
    int shown = limit == null ? DEFAULT_LIMIT : limit.intValue();
    return new WebEndpointResponse<>(
        new Listing(parked.openByTopic(), parked.open(shown)), WebEndpointResponse.STATUS_OK);
  }

  @WriteOperation
  WebEndpointResponse<Object> redrive(@Selector long id) {
    try {
      return answer(id, () -> parked.redrive(id).map(Redriven::new));
    } catch (NotRedrivableException e) {
      return OperatorProblems.answer(
          HttpStatus.CONFLICT,
          "record-not-redrivable",
          ProblemCode.RECORD_NOT_REDRIVABLE,
          "Not re-drivable from here",
          e.getMessage());
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
        .orElseGet(() -> OperatorProblems.notFound("no open parked " + parked.noun() + " #" + id));
  }

  record Listing(Map<String, Long> open, List<Parked> records) {}

  record Redriven(List<Parked> published) {}

  record Discarded(Parked discarded) {}
}
