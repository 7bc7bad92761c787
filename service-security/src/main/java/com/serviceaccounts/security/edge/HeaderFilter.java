package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers answered with a 400 problem before anything else reads them. A header that says one thing
 * ({@code Authorization}, {@code Content-Type}, {@code Content-Encoding}, {@code Idempotency-Key},
 * {@code X-Correlation-Id}) given twice: whatever reads only the first would act on a request a
 * proxy in front may have read otherwise (the second credentials, say), and one that joins them
 * ({@code k1,k2}) on one no client sent. An {@code Accept} header that is not a list of media
 * types: Spring MVC would refuse it too, but it parses the header again to write its answer, fails
 * again, and sends the error's status with no body at all. A body sent with a {@code
 * Content-Encoding} (gzip, say) is answered 415, since no service decodes one and reading it as it
 * is would only misread it. The {@code Accept} header is read as the services answer: what it
 * refuses ({@code q=0}) left out, parameters but {@code q} dropped, at most {@link #MAX_ACCEPTED}
 * media types.
 */
public final class HeaderFilter extends OncePerRequestFilter {

  /** The most media types an {@code Accept} header may list: a bounded cost to read it. */
  static final int MAX_ACCEPTED = 50;

  private static final List<String> SAID_ONCE =
      List.of(
          HttpHeaders.AUTHORIZATION,
          HttpHeaders.CONTENT_TYPE,
          HttpHeaders.CONTENT_ENCODING,
          "Idempotency-Key",
          "X-Correlation-Id");

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
    AcceptRead accept = readAccept(request);
    if (accept instanceof AcceptRead.Refused refused) {
      if (refused.status() == HttpStatus.NOT_ACCEPTABLE) {
        ProblemResponses.write(
            request,
            response,
            ProblemResponses.problem(
                HttpStatus.NOT_ACCEPTABLE,
                "request-refused",
                ProblemCode.REQUEST_REFUSED,
                "Not Acceptable",
                refused.why()));
      } else {
        refuse(request, response, refused.why());
      }
      return;
    }
    chain.doFilter(((AcceptRead.Passed) accept).request(), response);
  }

  /**
   * A request's {@code Accept} header as the services read it (see {@link #acceptable}): the
   * request to pass on, or why the header is refused. Each element is read once.
   */
  public static AcceptRead readAccept(HttpServletRequest request) {
    List<MediaType> accepted = new ArrayList<>();
    for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
      // Spring's list parser skips an empty element, the actuator's fails on it (a 500).
      for (String element : MimeTypeUtils.tokenize(accept)) {
        if (element.isBlank()) {
          return new AcceptRead.Refused(
              HttpStatus.BAD_REQUEST,
              "the Accept header has an empty element: list media types separated by single"
                  + " commas (such as application/json, text/plain)",
              true);
        }
        try {
          accepted.add(MediaType.parseMediaType(element));
        } catch (InvalidMediaTypeException malformed) {
          return new AcceptRead.Refused(
              HttpStatus.BAD_REQUEST,
              "the Accept header is not a list of media types (such as application/json): "
                  + UntrustedText.echo(malformed.getMessage()),
              false);
        }
      }
    }
    if (accepted.isEmpty()) {
      return new AcceptRead.Passed(withoutEmptyAccept(request));
    }
    if (accepted.size() > MAX_ACCEPTED) {
      return new AcceptRead.Refused(
          HttpStatus.BAD_REQUEST,
          "the Accept header lists "
              + accepted.size()
              + " media types; at most "
              + MAX_ACCEPTED
              + " are read",
          false);
    }
    String acceptable = acceptable(accepted);
    if (acceptable.isEmpty()) {
      return new AcceptRead.Refused(
          HttpStatus.NOT_ACCEPTABLE,
          "the Accept header accepts nothing: every media type in it has q=0",
          false);
    }
    return new AcceptRead.Passed(new AcceptAs(request, acceptable));
  }

  /** How a request's {@code Accept} header reads. */
  public sealed interface AcceptRead {

    /** The request with its {@code Accept} header as the services read it. */
    record Passed(HttpServletRequest request) implements AcceptRead {}

    /**
     * A header the services refuse: the status to answer, why, and whether for an empty element.
     */
    record Refused(HttpStatus status, String why, boolean emptyElement) implements AcceptRead {}
  }

  /**
   * An empty {@code Accept} (a list of no media type) read as none, which accepts any (RFC 9110
   * §12.5.1): the actuator's metrics endpoint failed on it (a 500).
   */
  private static HttpServletRequest withoutEmptyAccept(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.ACCEPT) == null ? request : new AcceptAs(request, null);
  }

  /**
   * The media types as the services read them: without those of {@code q=0} (which the client
   * refuses), and without parameters but {@code q}: the answers are UTF-8 whatever {@code charset}
   * is asked (JSON has no other, RFC 8259), and Spring would copy any other parameter into the
   * answer's {@code Content-Type}.
   */
  private static String acceptable(List<MediaType> accepted) {
    List<String> kept = new ArrayList<>();
    for (MediaType type : accepted) {
      double quality = type.getQualityValue();
      if (quality > 0) {
        kept.add(
            new MediaType(
                    type.getType(),
                    type.getSubtype(),
                    quality < 1 ? Map.of("q", type.getParameter("q")) : Map.of())
                .toString());
      }
    }
    return String.join(", ", kept);
  }

  /** The request with its {@code Accept} header as the services read it; null: none. */
  private static final class AcceptAs extends HttpServletRequestWrapper {

    private final String accept;

    AcceptAs(HttpServletRequest request, String accept) {
      super(request);
      this.accept = accept;
    }

    @Override
    public String getHeader(String name) {
      return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accept : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (!HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
        return super.getHeaders(name);
      }
      return accept == null
          ? Collections.emptyEnumeration()
          : Collections.enumeration(List.of(accept));
    }
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
