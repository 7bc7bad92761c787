package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A JSON body with a byte sequence that is not UTF-8, found while it was read. */
public final class BodyNotUtf8Exception extends RefusedBodyException {

  BodyNotUtf8Exception(String reason, long offset) {
    super(
        "the request body is not UTF-8: "
            + reason
            + " at byte "
            + offset
            + "; JSON is sent as UTF-8 (RFC 8259)");
  }

  @Override
  public ProblemDetail problem() {
    return ProblemResponses.problem(
        HttpStatus.BAD_REQUEST,
        "malformed-json",
        ProblemCode.MALFORMED_JSON,
        "Malformed JSON",
        getMessage());
  }
}
