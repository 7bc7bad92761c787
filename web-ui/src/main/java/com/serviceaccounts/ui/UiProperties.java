package com.serviceaccounts.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the UI's services are, and its development sign-in.
 *
 * @param commandServiceUrl base URL of command-service (writes)
 * @param queryServiceUrl base URL of query-service (reads)
 * @param devSignIn the development sign-in; off unless its key directory is set and the development
 *     issuer is on the classpath
 * @param maxSessions how many sessions may be open at once (default 10,000); one more is refused
 *     with 503 ({@code signin.SessionLimits})
 * @param maxSessionsPerPerson how many of them one person may hold (default 10); a sign-in over the
 *     limit ends the person's oldest
 */
@ConfigurationProperties("service-accounts.ui")
public record UiProperties(
    URI commandServiceUrl,
    URI queryServiceUrl,
    DevSignIn devSignIn,
    Integer maxSessions,
    Integer maxSessionsPerPerson) {

  public UiProperties {
    devSignIn = devSignIn == null ? new DevSignIn(null, null) : devSignIn;
    maxSessions = maxSessions == null ? 10_000 : maxSessions;
    maxSessionsPerPerson = maxSessionsPerPerson == null ? 10 : maxSessionsPerPerson;
  }

  /**
   * A sign-in form that mints the user's token with the development issuer's key: the local stack's
   * issuer folder, whose public key the services trust.
   *
   * @param keyDirectory the issuer's folder ({@code private.pem}); no development sign-in if unset
   * @param defaultCompany the company the form suggests
   */
  public record DevSignIn(Path keyDirectory, UUID defaultCompany) {}
}
