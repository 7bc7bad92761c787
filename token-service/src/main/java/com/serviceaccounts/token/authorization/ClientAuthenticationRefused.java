package com.serviceaccounts.token.authorization;

import com.serviceaccounts.token.credentials.StoredClientCredentials;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A client authentication that failed, with what the failure handler needs to answer and to report
 * it. The client only ever sees {@code invalid_client}: the reason is for the security trail.
 */
class ClientAuthenticationRefused extends OAuth2AuthenticationException {

  private static final String ERROR_URI =
      "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

  private final String clientId;
  private final transient StoredClientCredentials account;
  private final String reason;
  private final Duration retryAfter;

  private ClientAuthenticationRefused(
      String clientId, StoredClientCredentials account, String reason, Duration retryAfter) {
    super(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description(retryAfter), ERROR_URI));
    this.clientId = clientId;
    this.account = account;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** Refused for {@code reason}; {@code account} is {@code null} for an unknown client id. */
  static ClientAuthenticationRefused because(
      String clientId, StoredClientCredentials account, String reason) {
    return new ClientAuthenticationRefused(clientId, account, reason, null);
  }

  /** Refused because the client id is locked out for {@code retryAfter}. */
  static ClientAuthenticationRefused lockedOut(
      String clientId, StoredClientCredentials account, Duration retryAfter) {
    return new ClientAuthenticationRefused(
        clientId, account, "too many failed attempts: locked out", retryAfter);
  }

  String clientId() {
    return clientId;
  }

  /** The account the client id names, or {@code null} if it names none. */
  StoredClientCredentials account() {
    return account;
  }

  String reason() {
    return reason;
  }

  /** How long the client id is locked out, or {@code null} if it is not. */
  Duration retryAfter() {
    return retryAfter;
  }

  private static String description(Duration retryAfter) {
    return retryAfter == null
        ? "Client authentication failed"
        : "Too many failed client authentications; retry later";
  }
}
