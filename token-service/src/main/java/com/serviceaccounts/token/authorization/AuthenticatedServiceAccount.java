package com.serviceaccounts.token.authorization;

import com.serviceaccounts.token.credentials.StoredClientCredentials;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A service account that proved one of its secrets: the authenticated client, plus what the token
 * is made of (the account's company and permissions) and which secret was used (for "last used").
 * Holds no secret.
 */
class AuthenticatedServiceAccount extends OAuth2ClientAuthenticationToken {

  private final transient StoredClientCredentials credentials;
  private final int secretNumber;

  AuthenticatedServiceAccount(
      RegisteredClient client,
      ClientAuthenticationMethod method,
      StoredClientCredentials credentials,
      int secretNumber) {
    super(client, method, null);
    this.credentials = credentials;
    this.secretNumber = secretNumber;
  }

  StoredClientCredentials credentials() {
    return credentials;
  }

  int secretNumber() {
    return secretNumber;
  }
}
