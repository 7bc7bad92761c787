package com.serviceaccounts.token.authorization;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The token endpoint cannot answer this request now, and will soon: {@code 503} with {@code
 * temporarily_unavailable} and {@code Retry-After: 1} ({@link ClientAuthenticationFailureHandler}),
 * never {@code invalid_client}, which would tell a client with the right secret that it is wrong.
 */
class TemporarilyUnavailable extends OAuth2AuthenticationException {

  static final String ERROR = "temporarily_unavailable";

  TemporarilyUnavailable(String description) {
    super(new OAuth2Error(ERROR, description, null));
  }

  TemporarilyUnavailable(String description, Throwable cause) {
    super(new OAuth2Error(ERROR, description, null), cause);
  }

  /** The store of credentials cannot be reached now (its database connection refused or ended). */
  static TemporarilyUnavailable storeUnreachable(Throwable cause) {
    return new TemporarilyUnavailable(
        "the token service cannot reach its credentials now; try again in a second", cause);
  }
}
