package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, parameters (query string or form) that no controller or
 * endpoint could take: malformed percent-encoding, bytes that are not UTF-8 (overlong forms and
 * encoded surrogates included), control characters (NUL included) and names or values longer than
 * the limit ({@link UntrustedText#defect}); a form over {@code
 * server.tomcat.max-http-form-post-size} is a 413. A refusal is a problem naming the parameter in
 * {@code invalidParams} where it can. The query string is decoded here, strictly, to name the
 * parameter (Tomcat only throws an unchecked exception from the first {@code getParameter}, and
 * Java's own URL decoder replaces bad bytes silently); a form is decoded by Tomcat, whose exception
 * is caught here before anything else reads a parameter and turns it into a 500.
 */
final class ParameterFilter extends OncePerRequestFilter {

  /**
   * The most parameters a request may have, in its query or its query and form together; no
   * endpoint takes more than ten.
   */
  static final int MAX_PARAMETERS = 100;

  private final int maxLength;

  ParameterFilter(int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null) {
      String[] pairs = query.split("&");
      if (pairs.length > MAX_PARAMETERS) {
        refuse(request, response, "query", "must have at most " + MAX_PARAMETERS + " parameters");
        return;
      }
      for (String pair : pairs) {
        int equals = pair.indexOf('=');
        String rawName = equals < 0 ? pair : pair.substring(0, equals);
        String name = decoded(rawName);
        String reason;
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
          refuse(request, response, UntrustedText.echo(name), reason);
          return;
        }
      }
    }
    if (formRefused(request, response)) {
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether a form body was refused: Tomcat could not decode it, or a parameter is a defect. */
  private boolean formRefused(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String[]> parameters;
    try {
      parameters = request.getParameterMap();
    } catch (InvalidParameterException unreadable) {
      boolean tooLarge = unreadable.getErrorCode() == HttpStatus.PAYLOAD_TOO_LARGE.value();
      ProblemResponses.write(
          request,
          response,
          tooLarge
              ? ProblemResponses.problem(
                  HttpStatus.PAYLOAD_TOO_LARGE,
                  "form-too-large",
                  ProblemCode.FORM_TOO_LARGE,
                  "Form too large",
                  "the form is larger than this service accepts")
              : ProblemResponses.problem(
                  HttpStatus.BAD_REQUEST,
                  "invalid-parameter",
                  ProblemCode.INVALID_PARAMETER,
                  "Invalid request parameter",
                  "a parameter is not percent-encoded UTF-8"));
      return true;
    }
    if (parameters.values().stream().mapToInt(values -> values.length).sum() > MAX_PARAMETERS) {
      refuse(request, response, "form", "must have at most " + MAX_PARAMETERS + " parameters");
      return true;
    }
    ParameterDefect defect = ParameterDefect.first(parameters, maxLength);
    if (defect != null) {
      ProblemResponses.write(request, response, defect.problem());
      return true;
    }
    return false;
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, String name, String reason)
      throws IOException {
    ProblemResponses.write(request, response, new ParameterDefect(name, reason).problem());
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
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
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
}
