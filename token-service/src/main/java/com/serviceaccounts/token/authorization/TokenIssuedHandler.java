package com.serviceaccounts.token.authorization;

import com.serviceaccounts.token.reporting.CredentialUsageRecorder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Writes the token response as Spring Authorization Server does, then counts the token towards the
 * account's and secret's usage (in memory; see {@link CredentialUsageRecorder}).
 */
class TokenIssuedHandler implements AuthenticationSuccessHandler {

  private final AuthenticationSuccessHandler response =
      new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
  private final CredentialUsageRecorder usage;
  private final Clock clock;

  TokenIssuedHandler(CredentialUsageRecorder usage, Clock clock) {
    this.usage = usage;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    this.response.onAuthenticationSuccess(request, response, authentication);
    if (authentication instanceof OAuth2AccessTokenAuthenticationToken issued
        && issued.getPrincipal() instanceof AuthenticatedServiceAccount account) {
      usage.tokenIssued(
          account.credentials().accountId(),
          account.credentials().companyId(),
          account.secretNumber(),
          clock.instant());
    }
  }
}
