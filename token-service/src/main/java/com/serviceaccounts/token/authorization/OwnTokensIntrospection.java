package com.serviceaccounts.token.authorization;

import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection (RFC 7662) tells a client about its own tokens only: Spring Authorization Server's
 * {@link OAuth2TokenIntrospectionAuthenticationProvider} answers any authenticated client about any
 * token, so its answer about another client's token is replaced by {@code {"active": false}} (RFC
 * 7662 §2.2 lets the server answer so about tokens the caller may not see), never its claims. The
 * clients listed in {@code service-accounts.token.introspectors} (resource servers that introspect)
 * are answered about every token.
 */
class OwnTokensIntrospection implements AuthenticationProvider {

  private final AuthenticationProvider introspection;
  private final Set<String> introspectors;

  OwnTokensIntrospection(AuthenticationProvider introspection, Set<String> introspectors) {
    this.introspection = introspection;
    this.introspectors = Set.copyOf(introspectors);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Authentication answer = introspection.authenticate(authentication);
    if (!(answer instanceof OAuth2TokenIntrospectionAuthenticationToken result)
        || !result.getTokenClaims().isActive()
        || !(result.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller)
        || caller.getRegisteredClient() == null) {
      return answer;
    }
    String callerId = caller.getRegisteredClient().getClientId();
    if (callerId.equals(result.getTokenClaims().getClientId())
        || introspectors.contains(callerId)) {
      return answer;
    }
    return new OAuth2TokenIntrospectionAuthenticationToken(
        result.getToken(), caller, OAuth2TokenIntrospection.builder().build());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return introspection.supports(authentication);
  }
}
