package com.serviceaccounts.security.problems;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.tomcat.RefusalReportValve;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own refusals (an encoded {@code /}, {@code \} or NUL in the path, say) as a problem+json
 * like every other refusal, instead of Tomcat's HTML page.
 */
final class ProblemErrorReportValve extends RefusalReportValve {

  @Override
  protected String contentType() {
    return MediaType.APPLICATION_PROBLEM_JSON_VALUE;
  }

  /**
   * At the OAuth endpoints, with their {@code error} members ({@link OAuthErrors}); also to a
   * request whose address Tomcat could not read, which may have been sent to one of them (the
   * members mean nothing to another client).
   */
  @Override
  protected String body(String path, int status, String message) {
    ProblemDetail problem = problem(status, message);
    if (path == null || path.isEmpty() || path.startsWith(OAuthErrors.PATHS)) {
      OAuthErrors.amend(problem);
    }
    return ProblemResponses.toJson(problem);
  }

  @Override
  protected String body(int status, String message) {
    return ProblemResponses.toJson(problem(status, message));
  }

  private static ProblemDetail problem(int status, String message) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatusCode.valueOf(status),
            status < 500
                ? "the request was refused before it reached the service: "
                    + (message == null || message.isBlank()
                        ? "its URL or headers are malformed (for example an encoded '/', '\\' or"
                            + " NUL in the path, or more than 100 headers)"
                        : message)
                : "the server could not process the request");
    ProblemCode code = status < 500 ? ProblemCode.MALFORMED_REQUEST : ProblemCode.SERVER_ERROR;
    problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + code.code()));
    ProblemResponses.coded(problem, code);
    problem.setTitle(status < 500 ? "Malformed request" : "Server error");
    return problem;
  }
}
