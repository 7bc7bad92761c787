package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * {@code invalidParams} where it can. The query string is decoded strictly to name the parameter
 * ({@link ParameterDefect#inQuery}); a form is decoded by Tomcat, whose exception is caught here
 * before anything else reads a parameter and turns it into a 500.
 */
final class ParameterFilter extends OncePerRequestFilter {

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
      ParameterDefect defect = ParameterDefect.tooManyIn(query);
      if (defect == null) {
        defect = ParameterDefect.inQuery(query, maxLength);
      }
      if (defect != null) {
        ProblemResponses.write(request, response, defect.problem());
        return;
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
              : ParameterDefect.unreadableForm().problem());
      return true;
    }
    ParameterDefect defect = ParameterDefect.tooMany(parameters);
    if (defect == null) {
      defect = ParameterDefect.first(parameters, maxLength);
    }
    if (defect != null) {
      ProblemResponses.write(request, response, defect.problem());
      return true;
    }
    return false;
  }
}
