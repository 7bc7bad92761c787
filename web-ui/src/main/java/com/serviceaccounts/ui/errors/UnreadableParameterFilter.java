package com.serviceaccounts.ui.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the parameters (query string and form) before anything else does, so that one Tomcat cannot
 * decode (invalid UTF-8 or percent-encoding) or a form over the size limit is the UI's error page
 * with a 400 (413), instead of an exception wherever a parameter is first read, a 500. Hand-written
 * because Tomcat 11 no longer has its FailedRequestFilter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadableParameterFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      request.getParameterMap();
    } catch (InvalidParameterException unreadable) {
      response.sendError(unreadable.getErrorCode() >= 400 ? unreadable.getErrorCode() : 400);
      return;
    }
    chain.doFilter(request, response);
  }
}
