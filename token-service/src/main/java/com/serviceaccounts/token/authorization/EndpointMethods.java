package com.serviceaccounts.token.authorization;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The methods of the authorization server's endpoints, which are filters that see only their own
 * method, so that anything else would meet the 403 of the paths this service does not serve: {@code
 * HEAD} of the JWK set and the metadata answers their {@code GET}'s headers (RFC 9110 §9.3.2),
 * {@code OPTIONS} says which methods an endpoint takes, and any other method is a 405 problem with
 * {@code Allow} (the OAuth endpoints' problems carry {@code error}, {@link OAuthErrorMembers}).
 * Hand-written because Spring MVC does this only for its own handlers.
 */
class EndpointMethods extends OncePerRequestFilter {

  private static final String POST_ONLY = "POST, OPTIONS";
  private static final String READ_ONLY = "GET, HEAD, OPTIONS";

  /** The methods each endpoint takes, by path, as {@code Allow} lists them. */
  private final Map<String, String> allowed;

  EndpointMethods(AuthorizationServerSettings settings) {
    allowed =
        Map.of(
            settings.getTokenEndpoint(),
            POST_ONLY,
            settings.getTokenIntrospectionEndpoint(),
            POST_ONLY,
            settings.getTokenRevocationEndpoint(),
            POST_ONLY,
            settings.getJwkSetEndpoint(),
            READ_ONLY,
            ApiDocumentation.METADATA_ENDPOINT,
            READ_ONLY);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String allow =
        allowed.get(request.getRequestURI().substring(request.getContextPath().length()));
    String method = request.getMethod();
    if (READ_ONLY.equals(allow)) {
      // JSON is UTF-8 (RFC 8259 §8.1); the container would name its own default, ISO-8859-1.
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
    if (allow == null || allow.startsWith(method + ",")) {
      chain.doFilter(request, response);
    } else if (method.equals(HttpMethod.HEAD.name()) && allow.equals(READ_ONLY)) {
      headersOfGet(request, response, chain);
    } else if (method.equals(HttpMethod.OPTIONS.name())) {
      response.setStatus(HttpStatus.NO_CONTENT.value());
      response.setHeader(HttpHeaders.ALLOW, allow);
    } else {
      response.setHeader(HttpHeaders.ALLOW, allow);
      ProblemResponses.write(
          request,
          response,
          ProblemResponses.problem(
              HttpStatus.METHOD_NOT_ALLOWED,
              "method-not-allowed",
              ProblemCode.REQUEST_REFUSED,
              "Method not allowed",
              "this endpoint takes " + allow.replace(", OPTIONS", "") + ", not " + method));
    }
  }

  /** Answers a {@code HEAD} as its {@code GET}, without the body. */
  private static void headersOfGet(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper withoutBody = new ContentCachingResponseWrapper(response);
    chain.doFilter(
        new HttpServletRequestWrapper(request) {
          @Override
          public String getMethod() {
            return HttpMethod.GET.name();
          }
        },
        withoutBody);
    response.setContentLength(withoutBody.getContentSize());
  }
}
