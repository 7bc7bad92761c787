package com.serviceaccounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/** Writes the RFC 9457 problem of a request refused before it reached a controller. */
final class ProblemResponses {

  static final String TYPE_PREFIX = "urn:service-accounts:problem:";

  /**
   * With Spring's mix-in, as Spring MVC writes problems: extension members such as {@code
   * invalidParams} at the top level (RFC 9457 §3.2), none when there are none.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private ProblemResponses() {}

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + type));
    problem.setTitle(title);
    return problem;
  }

  static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // a path the firewall refused may not even be a URI; the problem goes without it
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), bounded(problem));
  }

  static String toJson(ProblemDetail problem) {
    return JSON.writeValueAsString(bounded(problem));
  }

  /** A problem written outside Spring MVC is bounded like those {@link ProblemEcho} sees. */
  private static ProblemDetail bounded(ProblemDetail problem) {
    ProblemEcho.bound(problem);
    return problem;
  }
}
