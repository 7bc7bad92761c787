package com.serviceaccounts.token.authorization;

import com.serviceaccounts.security.problems.DatabaseUnavailableProblems;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The token endpoint cannot answer this request now, and will soon: {@code 503} with {@code
 * temporarily_unavailable} and {@code Retry-After} ({@link ClientAuthenticationFailureHandler}; 1 s
 * unless said otherwise), never {@code invalid_client}, which would tell a client with the right
 * secret that it is wrong.
 */
class TemporarilyUnavailable extends OAuth2AuthenticationException {

  static final String ERROR = "temporarily_unavailable";

  private static final Duration SOON = Duration.ofSeconds(1);

  private final Duration retryAfter;

  TemporarilyUnavailable(String description) {
    this(description, SOON);
  }

  TemporarilyUnavailable(String description, Duration retryAfter) {
    super(new OAuth2Error(ERROR, description, null));
    this.retryAfter = retryAfter;
  }

  TemporarilyUnavailable(String description, Throwable cause) {
    super(new OAuth2Error(ERROR, description, null), cause);
    this.retryAfter = SOON;
  }

  /** How long the client is to wait before it asks again. */
  Duration retryAfter() {
    return retryAfter;
  }

  /** The same answer, with the client told to wait {@code retryAfter} before it asks again. */
  TemporarilyUnavailable comeBackAfter(Duration retryAfter) {
    return new TemporarilyUnavailable(getError().getDescription(), retryAfter);
  }

  /**
   * What {@code read} gives, or, when the store of credentials cannot be reached (its database
   * connection refused or ended, a lock or statement timed out), this exception: its endpoint
   * answers 503, not a 500 nor a refusal of the client. The store's reads are read again once when
   * their connection had been ended ({@code @ReadAgainOnAnEndedConnection}).
   */
  static <T> T unlessStoreUnreachable(Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException failed) {
      if (DatabaseUnavailableProblems.unreachable(failed)) {
        throw storeUnreachable(failed);
      }
      throw failed;
    }
  }

  /** The store of credentials cannot be reached now (its database connection refused or ended). */
  private static TemporarilyUnavailable storeUnreachable(Throwable cause) {
    return new TemporarilyUnavailable(
        "the token service cannot reach its credentials now; try again in a second", cause);
  }
}
