package com.serviceaccounts.token.authorization;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access tokens the service issues.
 *
 * @param accessTokenLifetime how long a token is valid; short, because a token cannot be taken back
 *     from a resource server that verifies it offline: a deactivation takes effect for new tokens
 *     at once and for issued ones when they expire
 * @param audience the {@code aud} of every token: the APIs it is meant for
 * @param credentialsWait how a request with an unknown client id or a secret that matches none
 *     waits for the credentials store to learn of a new account or secret
 * @param introspectors the client ids that may introspect any client's tokens (RFC 7662); every
 *     other client learns about its own tokens only, and {@code active: false} about the rest
 * @param recentCredentials how long a token request may use credentials read from the store for an
 *     earlier one
 */
@ConfigurationProperties("service-accounts.token")
record TokenProperties(
    @DefaultValue("5m") Duration accessTokenLifetime,
    @DefaultValue("service-accounts-api") List<String> audience,
    @DefaultValue CredentialsWait credentialsWait,
    @DefaultValue({}) List<String> introspectors,
    @DefaultValue RecentCredentialsLimits recentCredentials) {

  TokenProperties {
    if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
      throw new IllegalArgumentException(
          "service-accounts.token.access-token-lifetime must be positive");
    }
    introspectors = List.copyOf(introspectors);
  }

  /**
   * @param maxWait the longest a request waits ({@code 0s}: not at all); bounded by the time the
   *     event takes from command-service to this service, usually well under a second
   * @param maxWaiters how many requests may wait at once; more are answered at once, so that a
   *     flood of bogus client ids holds at most this many of the server's request threads
   */
  record CredentialsWait(@DefaultValue("2s") Duration maxWait, @DefaultValue("50") int maxWaiters) {

    CredentialsWait {
      if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException(
            "service-accounts.token.credentials-wait.max-wait must be between 0s and 30s");
      }
      if (maxWaiters < 1) {
        throw new IllegalArgumentException(
            "service-accounts.token.credentials-wait.max-waiters must be at least 1");
      }
    }
  }

  /**
   * @param maxAge how long credentials read from the store serve further requests of the client
   *     ({@code 0s}: every request reads the store); at most 1 s, the longest a deactivation may
   *     take to stop new tokens
   * @param maxClients how many clients' credentials are kept at most
   */
  record RecentCredentialsLimits(
      @DefaultValue("500ms") Duration maxAge, @DefaultValue("10000") int maxClients) {

    RecentCredentialsLimits {
      if (maxAge.isNegative() || maxAge.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException(
            "service-accounts.token.recent-credentials.max-age must be between 0s and 1s");
      }
      if (maxClients < 1) {
        throw new IllegalArgumentException(
            "service-accounts.token.recent-credentials.max-clients must be at least 1");
      }
    }
  }
}
