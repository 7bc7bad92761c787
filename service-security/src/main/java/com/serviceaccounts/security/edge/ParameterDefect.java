package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A parameter no endpoint or page could take, and why: its name (escaped and cut, as a problem may
 * repeat it) and the rule it breaks ({@link UntrustedText#defect}). The one check of decoded
 * parameters, for the APIs' edge ({@link ParameterFilter}) and the web UI's.
 */
public record ParameterDefect(String name, String reason) {

  /** The first parameter whose name or a value is a defect, or null if there is none. */
  public static ParameterDefect first(Map<String, String[]> parameters, int maxLength) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      String reason = UntrustedText.defect(parameter.getKey(), maxLength);
      if (reason != null) {
        reason = "its name " + reason;
      }
      for (int i = 0; reason == null && i < parameter.getValue().length; i++) {
        reason = UntrustedText.defect(parameter.getValue()[i], maxLength);
      }
      if (reason != null) {
        return new ParameterDefect(UntrustedText.echo(parameter.getKey()), reason);
      }
    }
    return null;
  }

  /**
   * What a parameter of {@code type} must be, in the API's words ({@link StrictParameters} reads
   * each so): "a whole number", "a UUID", ….
   */
  public static String form(Class<?> type) {
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as 2026-11-28T10:15:30Z";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type != null && type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(constant -> ((Enum<?>) constant).name())
              .collect(Collectors.joining(", "));
    }
    return "a " + (type == null ? "value of another type" : type.getSimpleName());
  }

  /** The refusal: a 400 problem naming the parameter in {@code invalidParams}. */
  public ProblemDetail problem() {
    ProblemDetail problem =
        ProblemResponses.problem(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            ProblemCode.INVALID_PARAMETER,
            "Invalid request parameter",
            name + " " + reason);
    problem.setProperty(
        "invalidParams",
        List.of(ProblemResponses.invalidParam(name, ProblemCode.INVALID_PARAMETER, reason)));
    return problem;
  }
}
