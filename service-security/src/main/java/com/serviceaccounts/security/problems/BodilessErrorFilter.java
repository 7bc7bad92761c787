package com.serviceaccounts.security.problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an error answer that has no body to the error page, which answers it as a problem like
 * every other refusal: the actuator answers a health component it does not know ({@code
 * /actuator/health/<unknown>}) with a bare 404. Hand-written: the container's error page serves
 * only {@code sendError} and exceptions, and Spring has no hook for an answer a handler left empty.
 */
public class BodilessErrorFilter extends OncePerRequestFilter {

  /** The filter, registered at {@code order}: outside the filters whose answers it sees. */
  public static FilterRegistrationBean<BodilessErrorFilter> registeredAt(int order) {
    FilterRegistrationBean<BodilessErrorFilter> registration =
        new FilterRegistrationBean<>(new BodilessErrorFilter());
    registration.setOrder(order);
    return registration;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    BodyWatch watched = new BodyWatch(response);
    chain.doFilter(request, watched);
    if (response.getStatus() >= 400
        && !watched.bodyOpened
        && !response.isCommitted()
        && !request.isAsyncStarted()) {
      response.sendError(response.getStatus());
    }
  }

  /** Whether anything asked for the answer's body. */
  private static final class BodyWatch extends HttpServletResponseWrapper {

    private boolean bodyOpened;

    BodyWatch(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      bodyOpened = true;
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      bodyOpened = true;
      return super.getWriter();
    }
  }
}
