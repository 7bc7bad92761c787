package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A parameter no endpoint or page could take, and why: its name (escaped and cut, as a problem may
 * repeat it) and the rule it breaks ({@link UntrustedText#defect}). The one check of decoded
 * parameters, for the APIs' edge ({@link ParameterFilter}) and the web UI's.
 */
public record ParameterDefect(String name, String reason) {

  /**
   * The most parameters a request may have, in its query or its query and form together; no
   * endpoint or page takes more than ten.
   */
  public static final int MAX_PARAMETERS = 100;

  /** A whole number in ASCII digits, of any size. */
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");

  /**
   * A raw query of more than {@link #MAX_PARAMETERS} parameters, counted before any is decoded, or
   * null.
   */
  public static ParameterDefect tooManyIn(String query) {
    return query != null && query.split("&").length > MAX_PARAMETERS
        ? new ParameterDefect("query", "must have at most " + MAX_PARAMETERS + " parameters")
        : null;
  }

  /**
   * A form Tomcat could not read, which it says only failed: over its field limit, a field without
   * a name, or not percent-encoded UTF-8.
   */
  public static ParameterDefect unreadableForm() {
    return new ParameterDefect(
        "form",
        "must have at most "
            + MAX_PARAMETERS
            + " fields, each a name=value pair, percent-encoded UTF-8");
  }

  /** Parameters of a query and a form together of more than {@link #MAX_PARAMETERS}, or null. */
  public static ParameterDefect tooMany(Map<String, String[]> parameters) {
    return parameters.values().stream().mapToInt(values -> values.length).sum() > MAX_PARAMETERS
        ? new ParameterDefect("form", "must have at most " + MAX_PARAMETERS + " parameters")
        : null;
  }

  /** The first parameter whose name or a value is a defect, or null if there is none. */
  public static ParameterDefect first(Map<String, String[]> parameters, int maxLength) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      String reason = UntrustedText.defect(parameter.getKey(), maxLength);
      if (reason != null) {
        reason = "its name " + reason;
      }
      for (int i = 0; reason == null && i < parameter.getValue().length; i++) {
        // Spring's form filter gives a field without '=' no value.
        String value = parameter.getValue()[i];
        reason = value == null ? null : UntrustedText.defect(value, maxLength);
      }
      if (reason != null) {
        return new ParameterDefect(UntrustedText.echo(parameter.getKey()), reason);
      }
    }
    return null;
  }

  /**
   * The first parameter of a raw query string that is not percent-encoded UTF-8 (overlong forms and
   * encoded surrogates included) or whose decoded name or value is a defect, or null if there is
   * none. Decoded here, strictly, to name the parameter: Tomcat only throws an unchecked exception
   * from the first {@code getParameter}, and Java's own URL decoder replaces bad bytes silently.
   */
  public static ParameterDefect inQuery(String query, int maxLength) {
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String name = decoded(rawName);
      String reason;
      if (equals == 0) {
        // Tomcat refuses the whole query for it, naming nothing.
        return new ParameterDefect("query", "has a value without a parameter name (=…)");
      }
      if (name == null) {
        reason = "its name is not percent-encoded UTF-8";
        name = rawName;
      } else {
        reason = UntrustedText.defect(name, maxLength);
        if (reason != null) {
          reason = "its name " + reason;
        } else if (equals >= 0) {
          String value = decoded(pair.substring(equals + 1));
          reason =
              value == null
                  ? "must be percent-encoded UTF-8 (no invalid or overlong byte sequences)"
                  : UntrustedText.defect(value, maxLength);
        }
      }
      if (reason != null) {
        return new ParameterDefect(UntrustedText.echo(name), reason);
      }
    }
    return null;
  }

  /** {@code text} percent-decoded ({@code +} as a space) as strict UTF-8, or null if it is not. */
  private static String decoded(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          return null;
        }
        // ASCII hex digits only, as Tomcat reads them (Character.digit also takes ａ or ١).
        char high = text.charAt(i + 1);
        char low = text.charAt(i + 2);
        if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
          return null;
        }
        bytes.write(HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
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

  /**
   * As {@link #form(Class)}, and for a whole number that {@code type} cannot hold ({@code
   * limit=99999999999}), the range it can.
   */
  public static String form(Class<?> type, Object value) {
    if (value instanceof String text && WHOLE.matcher(text).matches()) {
      if (type == int.class || type == Integer.class) {
        return form(type) + " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      }
      if (type == long.class || type == Long.class) {
        return form(type) + " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      }
    }
    return form(type);
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
