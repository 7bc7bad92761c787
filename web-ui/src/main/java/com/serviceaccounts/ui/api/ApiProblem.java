package com.serviceaccounts.ui.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refusal from command-service or query-service: its RFC 9457 problem, read into what the pages
 * need. {@link #fieldErrors()} holds the problem's {@code errors} (field → message).
 */
public class ApiProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final Map<String, String> fieldErrors;
  private final Long currentVersion;

  public ApiProblem(
      int status, String title, String detail, Map<String, String> fieldErrors, Long current) {
    super(detail == null || detail.isBlank() ? title : detail);
    this.status = status;
    this.title = title;
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    this.currentVersion = current;
  }

  /** Reads a problem body; a body that is not one (a proxy's page, say) keeps only the status. */
  static ApiProblem read(int status, byte[] body, JsonMapper json) {
    JsonNode problem;
    try {
      problem = body.length == 0 ? null : json.readTree(body);
    } catch (RuntimeException e) {
      problem = null;
    }
    if (problem == null || !problem.isObject()) {
      return new ApiProblem(status, "HTTP " + status, null, Map.of(), null);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode error : problem.path("errors")) {
      fields.putIfAbsent(error.path("field").asString(""), error.path("message").asString(""));
    }
    JsonNode current = problem.get("currentVersion");
    return new ApiProblem(
        status,
        problem.path("title").asString("HTTP " + status),
        problem.path("detail").asString(null),
        fields,
        current == null || !current.canConvertToLong() ? null : current.asLong());
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** The account's version now, when the refusal was a version conflict. */
  public Long currentVersion() {
    return currentVersion;
  }
}
