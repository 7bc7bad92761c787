package com.serviceaccounts.token.authorization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which of Spring Authorization Server's endpoints this service serves ({@link
 * AuthorizationServerConfiguration}): what its metadata names, and the endpoints it closes.
 */
final class ServedEndpoints {

  private ServedEndpoints() {}

  /**
   * The authorization server's endpoints of the flows that involve a person or a device
   * (authorization, pushed authorization requests, device authorization and verification): no
   * client has a grant that uses them, so they are closed like every path this service does not
   * serve, whatever they are asked (the authorization endpoint answered a client id that exists
   * with a 500, and one that does not with a 400).
   */
  static RequestMatcher unserved(AuthorizationServerSettings settings) {
    return new OrRequestMatcher(
        Stream.of(
                settings.getAuthorizationEndpoint(),
                settings.getPushedAuthorizationRequestEndpoint(),
                settings.getDeviceAuthorizationEndpoint(),
                settings.getDeviceVerificationEndpoint())
            .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
            .toList());
  }

  /**
   * RFC 8414 metadata of what this server serves: no device flow, pushed requests, PKCE, DPoP or
   * certificate-bound tokens. The authorization endpoint and its response types stay, as Spring's
   * metadata requires them; that endpoint is closed ({@link #unserved}).
   */
  static void retainServed(Map<String, Object> claims) {
    claims.keySet().retainAll(SERVED_METADATA);
  }

  private static final Set<String> SERVED_METADATA =
      Set.of(
          OAuth2AuthorizationServerMetadataClaimNames.ISSUER,
          OAuth2AuthorizationServerMetadataClaimNames.AUTHORIZATION_ENDPOINT,
          OAuth2AuthorizationServerMetadataClaimNames.RESPONSE_TYPES_SUPPORTED,
          OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT,
          OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
          OAuth2AuthorizationServerMetadataClaimNames.JWKS_URI,
          OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED,
          OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT,
          OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
          OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT,
          OAuth2AuthorizationServerMetadataClaimNames
              .INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED);

  /** How clients authenticate at the token, revocation and introspection endpoints. */
  static final List<String> CLIENT_SECRET_METHODS =
      List.of(
          ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
          ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
}
