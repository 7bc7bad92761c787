package com.serviceaccounts.security.edge;

import java.io.IOException;

/**
 * Thrown while a request body is read, once it has gone past the limit. An {@link IOException} so
 * that whatever reads the body (Jackson, Spring's converters) gives up on it like on a broken
 * connection; the services answer it with {@link RequestBodyLimitFilter#problem}.
 */
public final class RequestBodyTooLargeException extends IOException {

  private final long limit;

  RequestBodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /** The first {@link RequestBodyTooLargeException} in {@code failure}'s causes, if any. */
  public static RequestBodyTooLargeException in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyTooLargeException tooLarge) {
        return tooLarge;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
