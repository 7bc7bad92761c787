package com.serviceaccounts.intake;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.problems.ProblemResponses;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** The refusals of the operators' endpoints: problem+json, as every other refusal of a service. */
public final class OperatorProblems {

  private OperatorProblems() {}

  /** The answer {@code problem}, with its status, as {@code application/problem+json}. */
  public static WebEndpointResponse<Object> answer(
      HttpStatus status, String type, ProblemCode code, String title, String detail) {
    ProblemDetail problem = ProblemResponses.problem(status, type, code, title, detail);
    return answer(problem);
  }

  /** {@code problem} as the answer, with its status, as {@code application/problem+json}. */
  public static WebEndpointResponse<Object> answer(ProblemDetail problem) {
    return new WebEndpointResponse<>(
        problem, problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON);
  }

  /** A {@code limit} outside 1 to {@code max}: 400 naming it. */
  static WebEndpointResponse<Object> limitOutOfRange(int max) {
    return answer(new ParameterDefect("limit", "must be from 1 to " + max).problem());
  }

  static WebEndpointResponse<Object> notFound(String detail) {
    return answer(
        HttpStatus.NOT_FOUND,
        "record-not-found",
        ProblemCode.RECORD_NOT_FOUND,
        "No such record",
        detail);
  }
}
