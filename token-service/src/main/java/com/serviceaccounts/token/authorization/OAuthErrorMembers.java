package com.serviceaccounts.token.authorization;

import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the OAuth 2.0 endpoints, a refusal made at the HTTP edge (a body too large, a header given
 * twice) also carries RFC 6749 §5.2's {@code error} and {@code error_description}, which an OAuth
 * client library reads there, as does one the container made before any filter (too many cookies),
 * answered in the error dispatch; the endpoints' own refusals are the authorization server's.
 */
class OAuthErrorMembers extends OncePerRequestFilter {

  /** The endpoints: token, introspection, revocation, JWKS. */
  static final String ENDPOINTS = "/oauth2/*";

  private static final String PATHS = "/oauth2/";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = asked instanceof String uri ? uri : request.getRequestURI();
    if (path.startsWith(PATHS)) {
      ProblemResponses.amendOn(request, OAuthErrorMembers::amend);
    }
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  static void amend(ProblemDetail problem) {
    if (problem.getStatus() == 401) {
      return;
    }
    problem.setProperty("error", "invalid_request");
    // RFC 6749 §5.2 allows printable ASCII but for the quote and the backslash in a description.
    problem.setProperty(
        "error_description",
        String.valueOf(problem.getDetail())
            .replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "?"));
  }
}
