package com.serviceaccounts.ui.api;

import com.serviceaccounts.contract.problem.ProblemCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refusal from command-service or query-service: its RFC 9457 problem, read into what the pages
 * need. The pages decide on {@link #code()} and on the codes of {@link #fieldErrors()} (the
 * problem's {@code errors}, or {@code invalidParams} for a parameter), never on the services'
 * English.
 */
public class ApiProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final String code;
  private final Map<String, FieldError> fieldErrors;
  private final Long currentVersion;

  /**
   * @param code the problem's {@link ProblemCode}, as sent; {@code null} if it had none
   * @param fieldErrors field → its error, in the order the service named them
   */
  public ApiProblem(
      int status,
      String title,
      String detail,
      String code,
      Map<String, FieldError> fieldErrors,
      Long current) {
    super(detail == null || detail.isBlank() ? title : detail);
    this.status = status;
    this.title = title;
    this.code = code;
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    this.currentVersion = current;
  }

  /**
   * One entry of the problem's {@code errors}.
   *
   * @param code the rule the field breaks, a {@link ProblemCode}; {@code null} if none was sent
   * @param message the service's own words, for when the code has no text
   */
  public record FieldError(String code, String message) {}

  /** Reads a problem body; a body that is not one (a proxy's page, say) keeps only the status. */
  static ApiProblem read(int status, byte[] body, JsonMapper json) {
    JsonNode problem;
    try {
      problem = body.length == 0 ? null : json.readTree(body);
    } catch (RuntimeException e) {
      problem = null;
    }
    if (problem == null || !problem.isObject()) {
      return new ApiProblem(status, "HTTP " + status, null, null, Map.of(), null);
    }
    Map<String, FieldError> fields = new LinkedHashMap<>();
    for (JsonNode error : problem.path("errors")) {
      fields.putIfAbsent(
          error.path("field").asString(""),
          new FieldError(
              error.path(ProblemCode.MEMBER).asString(null), error.path("message").asString("")));
    }
    // query-service names a refused parameter in invalidParams (RFC 9457's example member).
    for (JsonNode invalid : problem.path("invalidParams")) {
      fields.putIfAbsent(
          invalid.path("name").asString(""),
          new FieldError(
              invalid.path(ProblemCode.MEMBER).asString(null),
              invalid.path("reason").asString("")));
    }
    JsonNode current = problem.get("currentVersion");
    return new ApiProblem(
        status,
        problem.path("title").asString("HTTP " + status),
        problem.path("detail").asString(null),
        problem.path(ProblemCode.MEMBER).asString(null),
        fields,
        current == null || !current.canConvertToLong() ? null : current.asLong());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem's code as sent, or {@code null}. */
  public String code() {
    return code;
  }

  public Map<String, FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** The account's version now, when the refusal was a version conflict. */
  public Long currentVersion() {
    return currentVersion;
  }
}
