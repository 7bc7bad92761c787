package com.serviceaccounts.security.problems;

import com.serviceaccounts.contract.problem.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' RFC 9457 problems, made in one way: a {@code urn:service-accounts:problem:} type, a
 * title, a detail, and the stable {@link ProblemCode} as the {@value ProblemCode#MEMBER} extension
 * member; written here when the request was refused before it reached a controller.
 */
public final class ProblemResponses {

  public static final String TYPE_PREFIX = "urn:service-accounts:problem:";

  /** The request attribute {@link #amendOn} keeps its amendment in. */
  private static final String AMENDMENT = ProblemResponses.class.getName() + ".amendment";

  /**
   * With Spring's mix-in, as Spring MVC writes problems: extension members such as {@code
   * invalidParams} at the top level (RFC 9457 §3.2), none when there are none.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private ProblemResponses() {}

  /** A problem of {@code type} (the part after {@link #TYPE_PREFIX}) with its {@code code}. */
  public static ProblemDetail problem(
      HttpStatusCode status, String type, ProblemCode code, String title, String detail) {
    ProblemDetail problem = coded(ProblemDetail.forStatusAndDetail(status, detail), code);
    problem.setType(URI.create(TYPE_PREFIX + type));
    problem.setTitle(title);
    return problem;
  }

  /**
   * The type (the part after {@link #TYPE_PREFIX}) of a problem answered with {@code status} that
   * no handler gave a type of its own: {@code unavailable} for a 503 (as its code, {@link
   * ProblemCode#forStatus}), {@code server-error} for another 5xx, else {@code request-refused}.
   */
  public static String typeOfStatus(int status) {
    if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      return "unavailable";
    }
    return status >= 500 ? "server-error" : "request-refused";
  }

  /**
   * A problem answered with more than its status and body: extension members ({@link
   * ErrorResponse.Builder#property}) and headers such as {@code ETag} or {@code Retry-After}. A
   * handler returns what {@link ErrorResponse.Builder#build} gives, and Spring MVC writes it.
   */
  public static ErrorResponse.Builder response(
      Throwable cause,
      HttpStatusCode status,
      String type,
      ProblemCode code,
      String title,
      String detail) {
    return ErrorResponse.builder(cause, problem(status, type, code, title, detail));
  }

  /**
   * The {@code 503} of a service that cannot answer now for want of what it depends on (its
   * database, another service), with {@code Retry-After: 1} and code {@code unavailable}; {@code
   * detail} says what is away.
   */
  public static ResponseEntity<ProblemDetail> unavailable(String detail) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                ProblemCode.UNAVAILABLE,
                "Service unavailable",
                detail));
  }

  /** {@code problem} with its {@code code}. */
  public static ProblemDetail coded(ProblemDetail problem, ProblemCode code) {
    problem.setProperty(ProblemCode.MEMBER, code.code());
    return problem;
  }

  /** An entry of a problem's {@code errors}: a body field, its code and what is wrong with it. */
  public static Map<String, String> fieldError(String field, ProblemCode code, String message) {
    return entry("field", field, code, "message", message);
  }

  /** An entry of a problem's {@code invalidParams}: a parameter, its code and what is wrong. */
  public static Map<String, String> invalidParam(String name, ProblemCode code, String reason) {
    return entry("name", name, code, "reason", reason);
  }

  /** An entry of a problem's list member: what is wrong, its code, and why, in that order. */
  private static Map<String, String> entry(
      String whatMember, String what, ProblemCode code, String whyMember, String why) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put(whatMember, what);
    entry.put(ProblemCode.MEMBER, code.code());
    entry.put(whyMember, why);
    return entry;
  }

  /**
   * The 401 problem of a request without valid credentials; {@code detail} says which credentials
   * the endpoint takes.
   */
  public static void writeUnauthenticated(
      HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    write(
        request,
        response,
        problem(
            HttpStatus.UNAUTHORIZED,
            "unauthenticated",
            ProblemCode.UNAUTHENTICATED,
            "Authentication required",
            detail));
  }

  /**
   * Has every problem {@link #write} answers {@code request} with amended by {@code amendment}
   * first: an endpoint whose clients read members of their own protocol (the OAuth 2.0 endpoints'
   * {@code error}) adds them to the refusals made before its own code runs.
   */
  public static void amendOn(HttpServletRequest request, Consumer<ProblemDetail> amendment) {
    request.setAttribute(AMENDMENT, amendment);
  }

  /** Amends {@code problem}, an answer to {@code request}, as {@link #amendOn} asked. */
  @SuppressWarnings("unchecked")
  public static void amend(HttpServletRequest request, ProblemDetail problem) {
    if (request.getAttribute(AMENDMENT) instanceof Consumer<?> amendment) {
      ((Consumer<ProblemDetail>) amendment).accept(problem);
    }
  }

  /** Writes {@code problem} as the answer to {@code request}, amended as {@link #amendOn} asked. */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // a path the firewall refused may not even be a URI; the problem goes without it
    }
    amend(request, problem);
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), bounded(problem));
  }

  /**
   * The problem for a request Spring Security's firewall refuses (an encoded {@code %} or {@code
   * ;}, a {@code ..} segment, ...), naming what was refused, bounded like every other.
   */
  public static ProblemDetail rejected(RequestRejectedException rejected) {
    return bounded(
        problem(
            HttpStatus.BAD_REQUEST,
            "rejected-request",
            ProblemCode.REJECTED_REQUEST,
            "Request rejected",
            rejected.getMessage()
                + "; send ids and values as they are, without encoded separators or dot"
                + " segments"));
  }

  public static String toJson(ProblemDetail problem) {
    return JSON.writeValueAsString(bounded(problem));
  }

  /** A problem written outside Spring MVC is bounded like those {@link ProblemEcho} sees. */
  private static ProblemDetail bounded(ProblemDetail problem) {
    ProblemEcho.bound(problem);
    return problem;
  }
}
