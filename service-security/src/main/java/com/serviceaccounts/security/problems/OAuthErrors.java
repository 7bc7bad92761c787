package com.serviceaccounts.security.problems;

import org.springframework.http.ProblemDetail;

/**
 * The members an OAuth 2.0 client library reads in a refusal at the OAuth endpoints: RFC 6749
 * §5.2's {@code error} and {@code error_description}, added to the problems of the refusals made
 * before the authorization server reads a request (at the HTTP edge, or by Tomcat itself).
 */
public final class OAuthErrors {

  /** Where the OAuth endpoints are: token, introspection, revocation, JWKS. */
  public static final String PATHS = "/oauth2/";

  private OAuthErrors() {}

  /** Adds {@code error: invalid_request} and the detail as its description; not to a 401. */
  public static void amend(ProblemDetail problem) {
    if (problem.getStatus() == 401) {
      return;
    }
    problem.setProperty("error", "invalid_request");
    // RFC 6749 §5.2 allows printable ASCII but for the quote and the backslash in a description.
    problem.setProperty(
        "error_description",
        String.valueOf(problem.getDetail())
            .replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "?"));
  }
}
