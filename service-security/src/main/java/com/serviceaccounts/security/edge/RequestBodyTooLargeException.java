package com.serviceaccounts.security.edge;

import org.springframework.http.ProblemDetail;

/** A request body that went past the limit while it was read. */
public final class RequestBodyTooLargeException extends RefusedBodyException {

  private final long limit;

  RequestBodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  @Override
  public ProblemDetail problem() {
    return RequestBodyFilter.tooLarge(limit);
  }
}
