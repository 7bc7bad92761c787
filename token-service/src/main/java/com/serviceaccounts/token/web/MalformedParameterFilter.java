package com.serviceaccounts.token.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads them, parameters (query string or form) that no client sends:
 * invalid UTF-8 or percent-encoding, which the servlet container reports only when a parameter is
 * first read (and then as an exception, a 500), and control characters such as NUL. The refusal is
 * a 400 problem ({@link ProblemErrorPage}). Hand-written because neither Tomcat nor Spring
 * Security's firewall checks parameters nobody has read yet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedParameterFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal;
    int status = HttpStatus.BAD_REQUEST.value();
    try {
      refusal = refusal(request.getParameterMap());
    } catch (InvalidParameterException unreadable) {
      // Tomcat's own verdict: 400 for a bad encoding, 413 for a form over the size limit.
      status = unreadable.getErrorCode() >= 400 ? unreadable.getErrorCode() : status;
      refusal =
          status == 413
              ? "the form is larger than this service accepts"
              : "a parameter is not valid percent-encoded UTF-8";
    }
    if (refusal != null) {
      response.sendError(status, refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String refusal(Map<String, String[]> parameters) {
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      if (!wellFormed(parameter.getKey())) {
        return "a parameter's name holds a control character or an invalid character";
      }
      for (String value : parameter.getValue()) {
        if (!wellFormed(value)) {
          return "parameter "
              + (parameter.getKey().length() > 40 ? "" : "'" + parameter.getKey() + "' ")
              + "holds a control character or an invalid character";
        }
      }
    }
    return null;
  }

  /** No control character, no unpaired surrogate, no replacement of an undecodable byte. */
  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\uFFFD') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
