package com.serviceaccounts.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@link CallerIdentity} of the request being served, from its validated bearer token. */
public final class AuthenticatedCallers {

  static final String ACTOR_TYPE = "actor_type";

  private AuthenticatedCallers() {}

  public static CallerIdentity current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
      throw new AuthenticationCredentialsNotFoundException("no bearer token");
    }
    String actorType = jwt.getClaimAsString(ACTOR_TYPE);
    return new CallerIdentity(
        jwt.getSubject(), actorType == null ? "user" : actorType, CompaniesClaim.read(jwt));
  }
}
