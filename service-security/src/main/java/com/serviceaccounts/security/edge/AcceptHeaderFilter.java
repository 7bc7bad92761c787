package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept} header that is not a list of media types is answered with a 400 problem before
 * anything else. Spring MVC would refuse it too, but it parses the header again to write its
 * answer, fails again, and sends the error's status with no body at all.
 */
public final class AcceptHeaderFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      try {
        MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException malformed) {
        ProblemResponses.write(
            request,
            response,
            ProblemResponses.problem(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                ProblemCode.MALFORMED_REQUEST,
                "Malformed request",
                "the Accept header is not a list of media types (such as application/json): "
                    + UntrustedText.echo(malformed.getMessage())));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
