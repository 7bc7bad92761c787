package com.serviceaccounts.security.edge;

import java.io.IOException;
import org.springframework.http.ProblemDetail;

/**
 * Thrown while a request body is read, once it breaks a rule of {@link RequestBodyFilter}. An
 * {@link IOException} so that whatever reads the body (Jackson, Spring's converters) gives up on it
 * like on a broken connection; the services answer it with its {@link #problem()}.
 */
public abstract class RefusedBodyException extends IOException {

  RefusedBodyException(String message) {
    super(message);
  }

  /** The problem that answers the request. */
  public abstract ProblemDetail problem();

  /** The first {@link RefusedBodyException} in {@code failure}'s causes, if any. */
  public static RefusedBodyException in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RefusedBodyException refused) {
        return refused;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
