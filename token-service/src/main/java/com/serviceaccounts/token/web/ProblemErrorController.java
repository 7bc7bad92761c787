package com.serviceaccounts.token.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of everything that is not an OAuth endpoint (those answer with RFC 6749's JSON
 * errors themselves): a refusal by Spring Security or the servlet container as problem+json, like
 * the other services' APIs. Boot's own error controller answers plain JSON, and a direct request
 * for {@code /error} with a 500; here that is a 404, since there is nothing at that path.
 * Hand-written because neither Spring MVC nor Boot renders the error dispatch as a problem.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private static final String TYPE_PREFIX = "urn:service-accounts:problem:";

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatusCode status =
        code instanceof Integer value && value >= 400 ? HttpStatusCode.valueOf(value) : null;
    ProblemDetail problem;
    if (status == null) {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND, "there is nothing at /error; see /v3/api-docs for the API");
      problem.setType(URI.create(TYPE_PREFIX + "not-found"));
      problem.setTitle("Not found");
    } else {
      HttpStatus known = HttpStatus.resolve(status.value());
      Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
      problem =
          ProblemDetail.forStatusAndDetail(
              status,
              status.value() == 400 && message instanceof String text && !text.isBlank()
                  // Cut short: a message must never carry much of what the request sent.
                  ? "the request is malformed: " + text.substring(0, Math.min(text.length(), 200))
                  : detail(status));
      problem.setType(URI.create(TYPE_PREFIX + (status.is4xxClientError() ? "refused" : "error")));
      problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
    }
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String detail(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 ->
          "the request is malformed: its URL, parameters or headers hold characters or encodings"
              + " that are not allowed";
      case 401, 403 ->
          "this path is not served to anyone; tokens are issued at /oauth2/token (see"
              + " /v3/api-docs)";
      case 404 -> "there is nothing at this path; see /v3/api-docs for the API";
      case 405 -> "this path does not take this method; see /v3/api-docs for the API";
      case 413 -> "the request body is too large";
      default ->
          status.is4xxClientError()
              ? "the request was refused"
              : "the server could not process the request";
    };
  }
}
