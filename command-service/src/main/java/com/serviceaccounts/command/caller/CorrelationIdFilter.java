package com.serviceaccounts.command.caller;

import com.serviceaccounts.events.text.CorrelationIds;
import com.serviceaccounts.events.text.UntrustedText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a plain
 * token ({@link CorrelationIds}: no audit export's cell begins as a formula), a new UUID otherwise.
 * It is echoed in the response, put in the log context ({@value #MDC_KEY} in the SLF4J MDC, so
 * every line logged for the request carries it — a field of its own in JSON logs), and carried by
 * every event the request causes.
 *
 * <p>Each request but actuator's (health probes) ends with one line: method, path, status, time.
 * Never a body or a header, so never a secret.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Correlation-Id";
  static final String MDC_KEY = "correlationId";
  static final String ATTRIBUTE = CorrelationIdFilter.class.getName();
  private static final Logger log = LoggerFactory.getLogger(CorrelationIdFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String correlationId = CorrelationIds.givenOrNew(given);
    request.setAttribute(ATTRIBUTE, correlationId);
    response.setHeader(HEADER, correlationId);
    MDC.put(MDC_KEY, correlationId);
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (!request.getRequestURI().startsWith("/actuator/")) {
        log.info(
            "{} {} answered {} in {} ms",
            request.getMethod(),
            UntrustedText.echo(request.getRequestURI()),
            response.getStatus(),
            (System.nanoTime() - started) / 1_000_000);
      }
      MDC.remove(MDC_KEY);
    }
  }
}
