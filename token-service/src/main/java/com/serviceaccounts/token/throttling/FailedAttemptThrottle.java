package com.serviceaccounts.token.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per client id and locks a client id out for {@link
 * ThrottleProperties#lockout()} once it has failed {@link ThrottleProperties#maxFailures()} times
 * within {@link ThrottleProperties#window()}. A success clears the count. State is in memory, per
 * instance: behind a load balancer an attacker gets {@code maxFailures} tries per instance and
 * window, which still turns guessing a 256-bit secret into nothing.
 *
 * <p>A wrong secret waits for its verdict (a secret just handed out may still be on its way), and
 * meanwhile holds a place in its client id's count ({@link #check}): concurrent guesses cannot
 * outrun the lockout, because once the failures counted and the secrets waiting reach {@link
 * ThrottleProperties#maxFailures()} no other secret of the client id is compared until their
 * verdicts are in ({@link #verdictsPending}).
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
    Failures existing = failures.getIfPresent(clientId);
    if (existing == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant until = existing.current(now, properties.window()).lockedUntil();
    return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
  }

  /**
   * Whether the failures counted and the wrong secrets waiting for their verdict take every place
   * in {@code clientId}'s count: what they decide comes first, so its next secret is not compared
   * until then.
   */
  public boolean verdictsPending(String clientId) {
    return full(current(failures.getIfPresent(clientId), clock.instant()));
  }

  /**
   * Holds a place in {@code clientId}'s count for a wrong secret that waits for its verdict; empty
   * when the client id is locked out or the failures counted and the secrets already waiting take
   * every place.
   */
  public Optional<Check> check(String clientId) {
    Instant now = clock.instant();
    boolean[] held = {false};
    update(
        clientId,
        now,
        current -> {
          if (current.lockedUntil() != null || full(current)) {
            return current;
          }
          held[0] = true;
          return current.withWaiting(current.waiting() + 1);
        });
    return held[0] ? Optional.of(new Check(clientId)) : Optional.empty();
  }

  /** A wrong secret's place in its client id's count, from its check until its verdict. */
  public final class Check implements AutoCloseable {

    private final String clientId;
    private boolean settled;

    private Check(String clientId) {
      this.clientId = clientId;
    }

    /** The secret is wrong: counts it ({@link #recordFailure}) in place of the place it held. */
    public Optional<Duration> failed() {
      settled = true;
      return count(clientId, -1);
    }

    /**
     * The secret was told to come back before its verdict (no place to wait was free): neither
     * counted as wrong, since it may be a secret just handed out, nor let go at once, or told to
     * come back again and again each secret would be a guess the lockout does not count; its place
     * stays taken for {@code hold}.
     */
    public void toldToComeBack(Duration hold) {
      settled = true;
      Instant now = clock.instant();
      update(
          clientId,
          now,
          current -> current.withWaiting(current.waiting() - 1).holding(now.plus(hold)));
    }

    /** Gives the place back, unless the secret was found wrong or told to come back. */
    @Override
    public void close() {
      if (!settled) {
        settled = true;
        failures
            .asMap()
            .computeIfPresent(
                clientId, (id, current) -> current.withWaiting(current.waiting() - 1));
      }
    }
  }

  /** Counts a failure; answers how long the client id is now locked out, if it is. */
  public Optional<Duration> recordFailure(String clientId) {
    return count(clientId, 0);
  }

  private Optional<Duration> count(String clientId, int waiting) {
    Instant now = clock.instant();
    Failures counted = update(clientId, now, current -> next(current, now, waiting));
    return Optional.ofNullable(counted.lockedUntil()).map(until -> Duration.between(now, until));
  }

  /**
   * The right secret: the failures count again from none, and the lockout ends; the places of
   * secrets still waiting for their verdict stay taken.
   */
  public void recordSuccess(String clientId) {
    Instant now = clock.instant();
    failures
        .asMap()
        .computeIfPresent(
            clientId,
            (id, existing) -> {
              Failures current = existing.current(now, properties.window());
              return current.places() == 0
                  ? null
                  : new Failures(now, 0, current.waiting(), current.held(), null);
            });
  }

  /** Changes {@code clientId}'s failures as they stand {@code now}; answers them changed. */
  private Failures update(String clientId, Instant now, UnaryOperator<Failures> change) {
    return failures
        .asMap()
        .compute(clientId, (id, existing) -> change.apply(current(existing, now)));
  }

  /** {@code existing} as it stands {@code now}; none for a client id without any. */
  private Failures current(Failures existing, Instant now) {
    return existing == null ? Failures.none(now) : existing.current(now, properties.window());
  }

  private boolean full(Failures current) {
    return current.count() + current.places() >= properties.maxFailures();
  }

  private Failures next(Failures current, Instant now, int waiting) {
    int count = current.count() + 1;
    Instant lockedUntil =
        count >= properties.maxFailures() ? now.plus(properties.lockout()) : current.lockedUntil();
    return new Failures(
        current.windowStart(),
        count,
        Math.max(0, current.waiting() + waiting),
        current.held(),
        lockedUntil);
  }

  /**
   * Failures since {@code windowStart}, the wrong secrets waiting for their verdict, the places of
   * those told to come back (each held until its instant), and the end of the lockout the failures
   * caused, if any.
   */
  private record Failures(
      Instant windowStart, int count, int waiting, List<Instant> held, Instant lockedUntil) {

    static Failures none(Instant now) {
      return new Failures(now, 0, 0, List.of(), null);
    }

    Failures withWaiting(int waiting) {
      return new Failures(windowStart, count, Math.max(0, waiting), held, lockedUntil);
    }

    Failures holding(Instant until) {
      List<Instant> more = new ArrayList<>(held);
      more.add(until);
      return new Failures(windowStart, count, waiting, List.copyOf(more), lockedUntil);
    }

    /** The places taken in the count: secrets waiting, and those told to come back. */
    int places() {
      return waiting + held.size();
    }

    /**
     * These failures, without the places whose time has passed; none but the places once their
     * lockout is over, or, without a lockout, once the window has passed since the first.
     */
    Failures current(Instant now, Duration window) {
      List<Instant> still =
          held.stream().anyMatch(until -> !now.isBefore(until))
              ? held.stream().filter(now::isBefore).toList()
              : held;
      boolean over =
          lockedUntil == null
              ? !now.isBefore(windowStart.plus(window))
              : !now.isBefore(lockedUntil);
      return over
          ? new Failures(now, 0, waiting, still, null)
          : new Failures(windowStart, count, waiting, still, lockedUntil);
    }
  }
}
