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
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers answered with a 400 problem before anything else reads them. A header that says one thing
 * ({@code Authorization}, {@code Content-Type}, {@code Content-Encoding}) given twice: whatever
 * reads only the first would act on a request a proxy in front may have read otherwise (the second
 * credentials, say). An {@code Accept} header that is not a list of media types: Spring MVC would
 * refuse it too, but it parses the header again to write its answer, fails again, and sends the
 * error's status with no body at all. A body sent with a {@code Content-Encoding} (gzip, say) is
 * answered 415, since no service decodes one and reading it as it is would only misread it.
 */
public final class HeaderFilter extends OncePerRequestFilter {

  private static final List<String> SAID_ONCE =
      List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (String name : SAID_ONCE) {
      int given = Collections.list(request.getHeaders(name)).size();
      if (given > 1) {
        refuse(
            request,
            response,
            "the " + name + " header is given " + given + " times; send it once");
        return;
      }
    }
    String coding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    boolean hasBody =
        request.getContentLengthLong() > 0
            || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    if (hasBody && coding != null && !coding.strip().equalsIgnoreCase("identity")) {
      response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
      ProblemResponses.write(
          request,
          response,
          ProblemResponses.problem(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "request-refused",
              ProblemCode.REQUEST_REFUSED,
              "Unsupported content coding",
              "the request body's Content-Encoding '"
                  + UntrustedText.echo(coding)
                  + "' is not accepted; send the body without one"));
      return;
    }
    for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      try {
        MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException malformed) {
        refuse(
            request,
            response,
            "the Accept header is not a list of media types (such as application/json): "
                + UntrustedText.echo(malformed.getMessage()));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String why)
      throws IOException {
    ProblemResponses.write(
        request,
        response,
        ProblemResponses.problem(
            HttpStatus.BAD_REQUEST,
            "malformed-request",
            ProblemCode.MALFORMED_REQUEST,
            "Malformed request",
            why));
  }
}
