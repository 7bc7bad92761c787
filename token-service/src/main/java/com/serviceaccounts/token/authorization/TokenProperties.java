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
 */
@ConfigurationProperties("service-accounts.token")
record TokenProperties(
    @DefaultValue("5m") Duration accessTokenLifetime,
    @DefaultValue("service-accounts-api") List<String> audience) {

  TokenProperties {
    if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
      throw new IllegalArgumentException(
          "service-accounts.token.access-token-lifetime must be positive");
    }
  }
}
