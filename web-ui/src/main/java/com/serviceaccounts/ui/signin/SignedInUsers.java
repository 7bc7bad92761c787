package com.serviceaccounts.ui.signin;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the current request. */
public final class SignedInUsers {

  private SignedInUsers() {}

  /** The signed-in user; every page but the sign-in needs one, so there always is one there. */
  public static SignedInUser current() {
    return find()
        .orElseThrow(() -> new IllegalStateException("no user is signed in for this request"));
  }

  public static Optional<SignedInUser> find() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
        ? Optional.of(user)
        : Optional.empty();
  }
}
