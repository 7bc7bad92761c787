package com.serviceaccounts.security.problems;

import com.serviceaccounts.contract.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page as a problem, in place of Spring Boot's plain JSON: what the container forwards
 * here (an exception thrown by a filter, a {@code sendError}) gets its status with a detail that
 * reveals nothing internal. A client asking for {@code /error} itself gets a 404, like for any
 * other path nothing is served at.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  /** The most cookies Tomcat reads of a request (its connector's {@code maxCookieCount}). */
  static final int MAX_COOKIES = 200;

  @RequestMapping
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    return answer(request);
  }

  /** The problem that answers a request forwarded to the error page, bounded like every other. */
  public static ResponseEntity<ProblemDetail> answer(HttpServletRequest request) {
    HttpStatus status = status(request);
    ProblemDetail problem =
        status == HttpStatus.NOT_FOUND
            ? ProblemResponses.problem(
                status,
                "not-found",
                ProblemCode.PATH_NOT_FOUND,
                "Not found",
                "nothing is served at this path")
            : ProblemResponses.problem(
                status,
                ProblemResponses.typeOfStatus(status.value()),
                ProblemCode.forStatus(status.value()),
                status.getReasonPhrase(),
                status == HttpStatus.SERVICE_UNAVAILABLE
                    ? "the service cannot take this request now; try again after Retry-After"
                        + " seconds"
                    : status.is5xxServerError()
                        ? "the request could not be answered; try again later"
                        : refusal(request, status));
    forwarded(request, problem);
    ProblemResponses.amend(request, problem);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * What a refusal the container made says: Tomcat refuses a request with more cookies than it
   * reads before any filter sees it, and forwards only the status here.
   */
  private static String refusal(HttpServletRequest request, HttpStatus status) {
    if (status == HttpStatus.BAD_REQUEST) {
      int cookies = 0;
      for (String header : Collections.list(request.getHeaders(HttpHeaders.COOKIE))) {
        cookies += header.split(";").length;
      }
      if (cookies > MAX_COOKIES) {
        return "the request carries "
            + cookies
            + " cookies; at most "
            + MAX_COOKIES
            + " are read (drop those of other sites)";
      }
    }
    return "the request was refused: " + status.getReasonPhrase();
  }

  /**
   * Makes {@code problem} the answer to the request forwarded to the error page: its instance is
   * the path the client asked for, not the error page's; and what it repeats is bounded.
   */
  public static ProblemDetail forwarded(HttpServletRequest request, ProblemDetail problem) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    try {
      problem.setInstance(URI.create(String.valueOf(uri == null ? request.getRequestURI() : uri)));
    } catch (IllegalArgumentException notAUri) {
      // the problem goes without it
    }
    ProblemEcho.bound(problem);
    return problem;
  }

  /**
   * The status of the answer to a request forwarded to the error page: the container's, 404 for
   * {@code /error} asked directly, 500 for anything that is not an error status.
   */
  public static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer number ? HttpStatus.resolve(number) : HttpStatus.NOT_FOUND;
    return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }
}
