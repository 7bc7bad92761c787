package com.serviceaccounts.security.tokens;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The {@link CallerIdentity} of the request being served, from its validated bearer token. The
 * actor type comes from the token's issuer ({@link TrustedIssuers}), which the resource server
 * records as an authority when it accepts the token; the token's own {@code actor_type} claim is
 * not read, so no token makes its holder a service account or the system.
 */
public final class AuthenticatedCallers {

  static final String ACTOR_TYPE_AUTHORITY_PREFIX = "ACTOR_TYPE_";
  static final String USER = "user";
  static final String SERVICE_ACCOUNT = "service_account";

  private AuthenticatedCallers() {}

  public static CallerIdentity current() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  /** The identity an authentication of a validated bearer token stands for. */
  public static CallerIdentity of(Authentication authentication) {
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
      throw new AuthenticationCredentialsNotFoundException("no bearer token");
    }
    return new CallerIdentity(
        jwt.getSubject(), actorType(authentication), CompaniesClaim.read(jwt));
  }

  /** {@code service_account} for the token service's tokens, else {@code user}. */
  private static String actorType(Authentication authentication) {
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if ((ACTOR_TYPE_AUTHORITY_PREFIX + SERVICE_ACCOUNT).equals(authority.getAuthority())) {
        return SERVICE_ACCOUNT;
      }
    }
    return USER;
  }
}
