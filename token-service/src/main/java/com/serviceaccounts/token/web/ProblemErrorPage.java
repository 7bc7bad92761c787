package com.serviceaccounts.token.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error page ({@code /error}) of everything that is not an OAuth endpoint (those answer with
 * RFC 6749's JSON errors themselves): a refusal by Spring Security or the servlet container as
 * problem+json, like the other services' APIs. Boot's own error controller answers plain JSON, and
 * a direct request for {@code /error} with a 500; here that is a 404, since there is nothing at
 * that path. A filter on the error page's path rather than a controller, since an error dispatch
 * keeps the method of the request that failed, and the API's controllers each serve the methods
 * they document. Hand-written because neither Spring MVC nor Boot renders the error dispatch as a
 * problem.
 */
final class ProblemErrorPage extends HttpFilter {

  private static final String TYPE_PREFIX = "urn:service-accounts:problem:";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException {
    ProblemDetail problem = problem(request);
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("utf-8");
    response.getWriter().write(JSON.writeValueAsString(problem));
  }

  private static ProblemDetail problem(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (request.getDispatcherType() != DispatcherType.ERROR
        || !(code instanceof Integer value)
        || value < 400) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND, "there is nothing at /error; see /v3/api-docs for the API");
      problem.setType(URI.create(TYPE_PREFIX + "not-found"));
      problem.setTitle("Not found");
      return problem;
    }
    HttpStatusCode status = HttpStatusCode.valueOf(value);
    HttpStatus known = HttpStatus.resolve(value);
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            value == 400 && message instanceof String text && !text.isBlank()
                // Cut short: a message must never carry much of what the request sent.
                ? "the request is malformed: " + text.substring(0, Math.min(text.length(), 200))
                : detail(value, status));
    problem.setType(URI.create(TYPE_PREFIX + (status.is4xxClientError() ? "refused" : "error")));
    problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path) {
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException notAUri) {
        // a path Tomcat refused may not even be a URI; the problem goes without it
      }
    }
    return problem;
  }

  private static String detail(int value, HttpStatusCode status) {
    return switch (value) {
      case 400 ->
          "the request is malformed: its URL, parameters or headers hold characters or encodings"
              + " that are not allowed";
      case 401, 403 ->
          "this path is not served to anyone; tokens are issued at /oauth2/token (see"
              + " /v3/api-docs)";
      case 404 -> "there is nothing at this path; see /v3/api-docs for the API";
      case 405 -> "this path does not take this method; see /v3/api-docs for the API";
      case 413 -> "the request body is too large";
      default ->
          status.is4xxClientError()
              ? "the request was refused"
              : "the server could not process the request";
    };
  }

  /** Serves {@code /error}, for error dispatches and direct requests, before anything else. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<ProblemErrorPage> problemErrorPage() {
      FilterRegistrationBean<ProblemErrorPage> registration =
          new FilterRegistrationBean<>(new ProblemErrorPage());
      registration.addUrlPatterns("/error");
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }
}
