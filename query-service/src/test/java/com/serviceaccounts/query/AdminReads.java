package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonPathValueAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Reads of the query API in web-slice tests by an admin of a company, and the problems answered.
 */
public final class AdminReads {

  private AdminReads() {}

  /** A GET of {@code uri} (a template of {@code uriVariables}) by an ADMIN of {@code company}. */
  public static MvcTestResult get(
      MockMvcTester mvc, Object company, String uri, Object... uriVariables) {
    return mvc.get().uri(uri, uriVariables).with(TestCallers.adminOf(company)).exchange();
  }

  /** That the answer is a problem+json of {@code status}; its {@code detail}, to assert on. */
  public static JsonPathValueAssert problemDetail(MvcTestResult answer, HttpStatus status) {
    assertThat(answer).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return assertThat(answer).bodyJson().extractingPath("$.detail");
  }

  /**
   * That the answer is a problem+json of {@code status}, of type {@code type} (the part after
   * {@link ProblemResponses#TYPE_PREFIX}) with its {@code code}; its {@code detail}, to assert on.
   */
  public static JsonPathValueAssert problemDetail(
      MvcTestResult answer, HttpStatus status, String type, ProblemCode code) {
    JsonPathValueAssert detail = problemDetail(answer, status);
    assertThat(answer)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo(ProblemResponses.TYPE_PREFIX + type);
    assertThat(answer).bodyJson().extractingPath("$.code").isEqualTo(code.code());
    return detail;
  }
}
