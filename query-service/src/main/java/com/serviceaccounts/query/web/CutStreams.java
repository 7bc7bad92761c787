package com.serviceaccounts.query.web;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A streamed answer that fails once it has begun (an audit export whose transaction the database
 * ended after its client had stopped reading for a minute) can no longer become a problem: its
 * connection is closed at once, so the client sees the answer cut, never a complete-looking one,
 * and the failure is logged on one line (it was a problem that could not be written, and three
 * stack traces). A failure before anything was sent is answered as any request's is.
 */
public final class CutStreams {

  private static final Logger log = LoggerFactory.getLogger(CutStreams.class);

  private CutStreams() {}

  /**
   * {@code body}, whose failure once {@code response} is committed closes the connection.
   *
   * @param what what the answer is, for the log line
   */
  public static StreamingResponseBody closingOnFailure(
      HttpServletResponse response, String what, StreamingResponseBody body) {
    return out -> {
      try {
        body.writeTo(out);
      } catch (RuntimeException failed) {
        if (!response.isCommitted()) {
          throw failed;
        }
        String cause =
            NestedExceptionUtils.getMostSpecificCause(failed)
                .toString()
                .lines()
                .findFirst()
                .orElse("");
        log.warn("{} cut after it began: {}", what, cause);
        // Without its cause: Spring would hand a cause it has a handler for (the database's
        // failure, a write's) to that handler, which cannot answer an answer already begun.
        throw new CloseNowException(what + " cut after it began: " + cause);
      }
    };
  }

  /** Whether {@code failure} is a cut stream's, which the container ends without a problem. */
  public static boolean cut(Throwable failure) {
    return failure instanceof CloseNowException;
  }
}
