package com.serviceaccounts.token.throttling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed client authentications are throttled, per client id and per instance.
 *
 * @param maxFailures failures within {@code window} after which the client id is locked out
 * @param window how far back failures count
 * @param lockout how long a locked-out client id is refused, even with the right secret
 * @param maxTrackedClients how many client ids are tracked at once; the least recently seen are
 *     forgotten first, so a flood of made-up ids cannot exhaust memory
 */
@ConfigurationProperties("service-accounts.token.throttle")
public record ThrottleProperties(
    @DefaultValue("5") int maxFailures,
    @DefaultValue("1m") Duration window,
    @DefaultValue("1m") Duration lockout,
    @DefaultValue("100000") long maxTrackedClients) {

  public ThrottleProperties {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("max-failures must be at least 1, got " + maxFailures);
    }
  }
}
