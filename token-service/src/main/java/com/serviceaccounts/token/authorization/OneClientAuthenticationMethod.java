package com.serviceaccounts.token.authorization;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client authenticates one way per request (RFC 6749 §2.3): credentials in the {@code
 * Authorization} header together with a {@code client_secret} (or a {@code client_id} naming
 * another client) in the body are refused as {@code invalid_request}, not one of them picked.
 * Otherwise the header's credentials are read by the authorization server's own converter; a client
 * id that it decodes to blanks only ({@code +}, {@code %20}), which it then refuses with an
 * exception of its own (a 500), is {@code invalid_request} too. Hand-written because the server's
 * converters each look at one method only, and the first that matches wins.
 */
final class OneClientAuthenticationMethod implements AuthenticationConverter {

  static final String DESCRIPTION =
      "use one client authentication method: the Authorization header (client_secret_basic) or"
          + " client_id and client_secret in the body (client_secret_post), not both";

  private final ClientSecretBasicAuthenticationConverter basic =
      new ClientSecretBasicAuthenticationConverter();

  static final String BLANK_CLIENT_ID =
      "the Authorization header's client id is empty once decoded";

  @Override
  public Authentication convert(HttpServletRequest request) {
    Authentication fromHeader;
    try {
      fromHeader = basic.convert(request);
    } catch (IllegalArgumentException blankClientId) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, BLANK_CLIENT_ID, null));
    }
    if (fromHeader == null) {
      return null;
    }
    String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    if (request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
        || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
        || (clientId != null && !clientId.equals(fromHeader.getPrincipal()))) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, DESCRIPTION, null));
    }
    return fromHeader;
  }
}
