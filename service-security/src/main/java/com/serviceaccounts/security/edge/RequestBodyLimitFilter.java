package com.serviceaccounts.security.edge;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.text.UntrustedText;
import com.serviceaccounts.security.problems.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
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
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request body may cost: a declared {@code Content-Length} over the limit is answered
 * 413 before a byte is read, and a body without one (chunked) is counted as it is read and given up
 * at the limit. Neither Tomcat (its {@code maxPostSize} covers form parameters only) nor Spring MVC
 * limits a body that a controller reads, hence this filter.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

  private final long limit;

  public RequestBodyLimitFilter(long limit) {
    this.limit = limit;
  }

  /** The 413 problem for a body over {@code limit} bytes. */
  public static ProblemDetail problem(long limit) {
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
      ProblemResponses.write(request, response, problem(limit));
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

  private static final class Counted extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counted(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestBodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new RequestBodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
