package com.serviceaccounts.ui.errors;

import com.serviceaccounts.security.edge.ParameterDefect;
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
 * Reads the parameters (query string and form) before anything else does, and answers with the UI's
 * error page, 400, when one cannot be decoded (invalid UTF-8 or percent-encoding, which Tomcat
 * reports as an exception wherever a parameter is first read: a 500) or holds what no field of the
 * UI takes ({@link ParameterDefect}, the rule every service's edge applies: a control character
 * such as NUL, an unpaired surrogate; the page names the field), and 413 when a form is over the
 * size limit. Hand-written because Tomcat 11 no longer has its FailedRequestFilter. Right after
 * Spring Boot's {@code CharacterEncodingFilter} (at the highest precedence), which makes a form
 * without a charset UTF-8, as browsers send it: read before it, a form is decoded as ISO-8859-1 for
 * good.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnreadableParameterFilter extends OncePerRequestFilter {

  /**
   * No limit of its own: a form is bounded by {@code server.tomcat.max-http-form-post-size}, a
   * query by Tomcat's header size, and each field by the form's validation.
   */
  private static final int MAX_LENGTH = Integer.MAX_VALUE;

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      ParameterDefect defect = ParameterDefect.first(request.getParameterMap(), MAX_LENGTH);
      if (defect != null) {
        request.setAttribute(UiErrorController.REFUSED_PARAMETER, defect);
        response.sendError(400);
        return;
      }
    } catch (InvalidParameterException unreadable) {
      // A client that went away while its form was read has been answered by Tomcat already.
      if (!response.isCommitted()) {
        response.sendError(unreadable.getErrorCode() >= 400 ? unreadable.getErrorCode() : 400);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
