package com.serviceaccounts.token.authorization;

import com.serviceaccounts.security.problems.OAuthErrors;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = asked instanceof String uri ? uri : request.getRequestURI();
    if (path.startsWith(OAuthErrors.PATHS)) {
      ProblemResponses.amendOn(request, OAuthErrors::amend);
    }
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
