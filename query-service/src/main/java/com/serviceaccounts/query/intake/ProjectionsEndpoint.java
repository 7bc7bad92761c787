package com.serviceaccounts.query.intake;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.intake.OperatorProblems;
import com.serviceaccounts.security.problems.ProblemResponses;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The operators' handle on the projections: {@code GET /actuator/projections} shows the rebuild's
 * progress, {@code POST /actuator/projections} starts one (409, problem+json with the running one's
 * progress as {@code rebuild}, while one runs).
 */
@Component
@Endpoint(id = "projections")
class ProjectionsEndpoint {

  private final ProjectionRebuild rebuild;

  ProjectionsEndpoint(ProjectionRebuild rebuild) {
    this.rebuild = rebuild;
  }

  @ReadOperation
  RebuildStatus status() {
    return rebuild.status();
  }

  @WriteOperation
  WebEndpointResponse<Object> rebuild() {
    try {
      return new WebEndpointResponse<>(rebuild.start(), WebEndpointResponse.STATUS_OK);
    } catch (IllegalStateException running) {
      ProblemDetail problem =
          ProblemResponses.problem(
              HttpStatus.CONFLICT,
              "rebuild-running",
              ProblemCode.REBUILD_RUNNING,
              "A rebuild is running",
              running.getMessage());
      problem.setProperty("rebuild", rebuild.status());
      return OperatorProblems.answer(problem);
    }
  }
}
