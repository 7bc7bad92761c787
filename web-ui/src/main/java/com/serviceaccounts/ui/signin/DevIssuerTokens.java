package com.serviceaccounts.ui.signin;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Users' tokens minted with the development issuer's key, exactly as {@code local-stack.jar token}
 * mints them. Only {@link DevSignInConfiguration} makes one, when the issuer is on the classpath.
 */
final class DevIssuerTokens implements UserTokens {

  private final Path keyDirectory;
  private DevTokenIssuer issuer;

  DevIssuerTokens(Path keyDirectory) {
    this.keyDirectory = keyDirectory;
  }

  @Override
  public String mint(
      String subject,
      Map<UUID, Map<String, PermissionLevel>> companies,
      Instant now,
      Duration lifetime) {
    return issuer().mint(subject, companies, now, lifetime);
  }

  /** Loaded at the first sign-in: the launcher may create the key after the UI has started. */
  private synchronized DevTokenIssuer issuer() {
    if (issuer == null) {
      issuer = DevTokenIssuer.load(keyDirectory);
    }
    return issuer;
  }
}
