package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.contract.problem.ProblemCode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemEchoTest {

  @Test
  void aProblemWithoutACodeGetsTheOneOfItsStatus() {
    ProblemDetail methodNotAllowed = ProblemDetail.forStatus(HttpStatus.METHOD_NOT_ALLOWED);
    ProblemDetail notFound = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);

    ProblemEcho.bound(methodNotAllowed);
    ProblemEcho.bound(notFound);

    assertThat(methodNotAllowed.getProperties())
        .containsEntry(ProblemCode.MEMBER, "request-refused");
    assertThat(notFound.getProperties()).containsEntry(ProblemCode.MEMBER, "path-not-found");
    assertThat(methodNotAllowed.getType().toString())
        .isEqualTo("urn:service-accounts:problem:request-refused");
    ProblemDetail failed = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    ProblemEcho.bound(failed);
    assertThat(failed.getType().toString()).isEqualTo("urn:service-accounts:problem:server-error");
    // A 503 is no failure of the server's: its type says what its code says.
    ProblemDetail unavailable = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
    ProblemEcho.bound(unavailable);
    assertThat(unavailable.getType().toString())
        .isEqualTo("urn:service-accounts:problem:unavailable");
    assertThat(unavailable.getProperties()).containsEntry(ProblemCode.MEMBER, "unavailable");
  }

  @Test
  void aProblemsOwnCodeIsKept() {
    ProblemDetail problem =
        ProblemResponses.problem(
            HttpStatus.NOT_FOUND,
            "not-found",
            ProblemCode.ACCOUNT_NOT_FOUND,
            "Service account not found",
            "service account x not found");

    ProblemEcho.bound(problem);

    assertThat(problem.getProperties()).containsEntry(ProblemCode.MEMBER, "account-not-found");
    assertThat(problem.getType().toString()).isEqualTo("urn:service-accounts:problem:not-found");
  }
}
