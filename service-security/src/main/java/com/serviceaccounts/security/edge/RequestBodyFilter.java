package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request body may be. Its cost is bounded: a declared {@code Content-Length} over the limit
 * is answered 413 before a byte is read, and a body without one (chunked) is counted as it is read
 * and given up at the limit. Neither Tomcat (its {@code maxPostSize} covers form parameters only)
 * nor Spring MVC limits a body that a controller reads, hence this filter. A JSON body is read as
 * strict UTF-8 ({@link Utf8Body}).
 */
public final class RequestBodyFilter extends OncePerRequestFilter {

  private final long limit;

  public RequestBodyFilter(long limit) {
    this.limit = limit;
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  public static ProblemDetail tooLarge(long limit) {
    return ProblemResponses.problem(
        HttpStatus.CONTENT_TOO_LARGE,
        "body-too-large",
        ProblemCode.BODY_TOO_LARGE,
        "Request body too large",
        "the request body is larger than " + limit + " bytes; send at most " + limit);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      // The body stays unread: Tomcat closes the connection rather than drain a large one.
      response.setHeader("Connection", "close");
      ProblemResponses.write(request, response, tooLarge(limit));
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  private static final class Limited extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream counted;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream(), limit);
        if (isJson(getContentType())) {
          counted = new Utf8Body(counted);
        }
      }
      return counted;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      try {
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
      } catch (IllegalArgumentException unknown) {
        throw new UnsupportedEncodingException(UntrustedText.echo(encoding));
      }
    }
  }

  /** Whether {@code contentType} is JSON: {@code application/json} or a {@code +json} type. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
          || (type.getSubtypeSuffix() != null && type.getSubtypeSuffix().equalsIgnoreCase("json"));
    } catch (InvalidMediaTypeException malformed) {
      return false;
    }
  }

  private static final class Counted extends CheckedBody {

    private final long limit;
    private long read;

    Counted(ServletInputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    protected void check(byte[] buffer, int offset, int length)
        throws RequestBodyTooLargeException {
      read += length;
      if (read > limit) {
        throw new RequestBodyTooLargeException(limit);
      }
    }
  }
}
