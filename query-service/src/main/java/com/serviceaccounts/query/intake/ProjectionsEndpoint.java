package com.serviceaccounts.query.intake;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * The operators' handle on the projections: {@code GET /actuator/projections} shows the rebuild's
 * progress, {@code POST /actuator/projections} starts one (409 while one runs).
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
  WebEndpointResponse<RebuildStatus> rebuild() {
    try {
      return new WebEndpointResponse<>(rebuild.start(), WebEndpointResponse.STATUS_OK);
    } catch (IllegalStateException running) {
      return new WebEndpointResponse<>(rebuild.status(), 409);
    }
  }
}
