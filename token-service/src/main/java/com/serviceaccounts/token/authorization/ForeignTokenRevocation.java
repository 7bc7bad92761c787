package com.serviceaccounts.token.authorization;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A client that asks to revoke another client's token is answered as for a token that is no one's:
 * {@code 200} and nothing revoked (RFC 7009 §2.2: an invalid token is no error), as introspection
 * answers it {@code active: false}. The authorization server refuses it with {@code
 * invalid_client}, which would tell a client whose credentials are right that they are wrong, and
 * tell apart a live token of another client from any other text. Every other failure goes to {@code
 * failures}. At the revocation endpoint {@code invalid_client} means only this: a client that
 * failed to authenticate was answered before.
 */
final class ForeignTokenRevocation implements AuthenticationFailureHandler {

  private final AuthenticationFailureHandler failures;

  ForeignTokenRevocation(AuthenticationFailureHandler failures) {
    this.failures = failures;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException, ServletException {
    if (failure instanceof OAuth2AuthenticationException refused
        && OAuth2ErrorCodes.INVALID_CLIENT.equals(refused.getError().getErrorCode())) {
      response.setStatus(HttpServletResponse.SC_OK);
      return;
    }
    failures.onAuthenticationFailure(request, response, failure);
  }
}
