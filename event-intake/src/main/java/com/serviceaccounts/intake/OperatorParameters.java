package com.serviceaccounts.intake;

import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The operators' endpoints ({@link ParkedRecordsEndpoint}, {@link DeadLettersEndpoint}) take no
 * parameter but their listings' {@code limit}: the actuator hands an operation the record its path
 * names and the request's parameters in one map, the parameters last, so that {@code DELETE
 * /actuator/parked/30?id=29}, or a form body {@code id=29}, discarded row 29, and a JSON body
 * {@code {"id":"29"}} re-drove it. A request to them with any other parameter, or with a body, is
 * refused, naming it. After Spring Security's filters, so that only an operator learns this; and
 * after Spring's form-content filter, which reads a {@code DELETE}'s form body as parameters.
 */
final class OperatorParameters extends OncePerRequestFilter {

  /** The path within the application as Spring MVC matches it: decoded, without path parameters. */
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private final String parked;
  private final String deadLetters;

  /**
   * @param basePath the actuator's base path ({@code /actuator})
   */
  OperatorParameters(String basePath) {
    this.parked = basePath + "/parked";
    this.deadLetters = basePath + "/deadletters";
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = PATHS.getPathWithinApplication(request);
    return !(under(path, parked) || under(path, deadLetters));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = PATHS.getPathWithinApplication(request);
    boolean listing =
        HttpMethod.GET.matches(request.getMethod())
            && (path.equals(parked) || path.equals(deadLetters));
    // A JSON body's members are merged over the path's selectors too.
    if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
      ProblemResponses.write(
          request,
          response,
          new ParameterDefect("body", "must be empty: the path names the record").problem());
      return;
    }
    for (String name : request.getParameterMap().keySet()) {
      if (!(listing && name.equals("limit"))) {
        ParameterDefect refused =
            new ParameterDefect(
                UntrustedText.echo(name),
                listing
                    ? "is not a parameter of this listing: only limit is"
                    : "must not be given: the path names the record");
        ProblemResponses.write(request, response, refused.problem());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean under(String path, String endpoint) {
    return path.equals(endpoint) || path.startsWith(endpoint + "/");
  }
}
