package com.serviceaccounts.token.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per client id and locks a client id out for {@link
 * ThrottleProperties#lockout()} once it has failed {@link ThrottleProperties#maxFailures()} times
 * within {@link ThrottleProperties#window()}. A success clears the count. State is in memory, per
 * instance: behind a load balancer an attacker gets {@code maxFailures} tries per instance and
 * window, which still turns guessing a 256-bit secret into nothing.
 */
@Component
public class FailedAttemptThrottle {

  private final ThrottleProperties properties;
  private final Clock clock;
  private final Cache<String, Failures> failures;

  FailedAttemptThrottle(ThrottleProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    Duration remembered =
        properties.window().compareTo(properties.lockout()) > 0
            ? properties.window()
            : properties.lockout();
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(properties.maxTrackedClients())
            .expireAfterWrite(remembered)
            .build();
  }

  /** How long {@code clientId} is still locked out; empty when it may try. */
  public Optional<Duration> lockedOutFor(String clientId) {
    Failures current = failures.getIfPresent(clientId);
    if (current == null || current.lockedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), current.lockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Counts a failure; answers how long the client id is now locked out, if it is. */
  public Optional<Duration> recordFailure(String clientId) {
    Instant now = clock.instant();
    failures.asMap().compute(clientId, (id, current) -> next(current, now));
    return lockedOutFor(clientId);
  }

  public void recordSuccess(String clientId) {
    failures.invalidate(clientId);
  }

  private Failures next(Failures current, Instant now) {
    if (current == null
        || (current.lockedUntil() != null && !now.isBefore(current.lockedUntil()))
        || !now.isBefore(current.windowStart().plus(properties.window()))) {
      current = new Failures(now, 0, null);
    }
    int count = current.count() + 1;
    Instant lockedUntil =
        count >= properties.maxFailures() ? now.plus(properties.lockout()) : current.lockedUntil();
    return new Failures(current.windowStart(), count, lockedUntil);
  }

  /** Failures since {@code windowStart}, and the end of the lockout they caused, if any. */
  private record Failures(Instant windowStart, int count, Instant lockedUntil) {}
}
