package com.serviceaccounts.token.authorization;

import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.IntakeSetbacks;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Lets a secret work on the very request after command-service handed it out. The credentials store
 * learns of a new account or secret through Kafka, a few hundred milliseconds after the command's
 * response; a client that asks at once would be refused. So a request whose client id is unknown,
 * or whose secret matches none of the account's, waits for a newer version of that client's
 * credentials — woken when this instance commits one ({@link CommittedVersions}), looking in the
 * database every 100 ms for another instance's — at most {@code max-wait}, and is then checked once
 * more.
 *
 * <p>At most {@code max-waiters} requests of unknown client ids wait at a time, and as many of
 * known ones (a rotated secret, a wrong one): two semaphores, so that a flood of made-up client ids
 * keeps no rotated secret from its first token. When that many wait, the next is answered at once
 * and told to come back ({@link Busy}: 503 with {@code Retry-After}), so a flood holds no more than
 * twice that many request threads: not that its client id is unknown (it may be an account made a
 * moment ago) nor that its secret is wrong (it may be one rotated a moment ago). A wrong secret
 * that waited is refused as ever, and counts towards its lockout. One address holds at most a fifth
 * of either's places, so one client alone cannot fill them and keep new accounts from their first
 * token or rotated secrets from theirs, with made-up client ids or wrong secrets of its own
 * accounts (many addresses still can); counted by hand, since the semaphores count places, not
 * whose they are.
 *
 * <p>A client id still unknown when the wait ends is told to come back too ({@link CatchingUp})
 * while the intake is held up ({@link IntakeSetbacks}: it has lately failed to apply records for a
 * reason that passes, the database away or its connections ended, or has been applying a poll for
 * over a second): its account may be in a record tried again, and {@code invalid_client} would tell
 * an integration with the right secret that it is wrong.
 */
class CredentialsArrival {

  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  /**
   * How lately a record's passing failure counts: the intake tries a failed record again every 2 s
   * at most ({@code service-accounts.events.retry.max-interval}), so while the database is away
   * there is one within it.
   */
  private static final Duration CATCHING_UP = Duration.ofSeconds(10);

  private final Function<String, Optional<StoredClientCredentials>> store;
  private final CommittedVersions<String> changes;
  private final Duration maxWait;
  private final Semaphore unknownClients;
  private final Semaphore knownClients;
  private final int maxPerAddress;
  private final Map<String, Integer> unknownByAddress = new ConcurrentHashMap<>();
  private final Map<String, Integer> knownByAddress = new ConcurrentHashMap<>();
  private final Counter waited;
  private final Counter full;
  private final IntakeSetbacks setbacks;

  CredentialsArrival(
      Function<String, Optional<StoredClientCredentials>> store,
      CommittedVersions<String> changes,
      TokenProperties.CredentialsWait properties,
      MeterRegistry meters,
      IntakeSetbacks setbacks) {
    this.setbacks = setbacks;
    this.store = store;
    this.changes = changes;
    this.maxWait = properties.maxWait();
    this.unknownClients = new Semaphore(properties.maxWaiters());
    this.knownClients = new Semaphore(properties.maxWaiters());
    this.maxPerAddress = Math.max(1, properties.maxWaiters() / 5);
    this.waited = meters.counter("token.client.credentials.wait", "outcome", "waited");
    this.full = meters.counter("token.client.credentials.wait", "outcome", "waiters-full");
  }

  /** How long a request waits at most. */
  Duration maxWait() {
    return maxWait;
  }

  /**
   * Waits until the client's credentials are ones that {@code accepts}, at most {@code max-wait}.
   *
   * @param seen what the request found (empty for an unknown client id)
   * @return the client's credentials as last looked at: accepted ones, or else the newest (empty if
   *     the client id is still unknown)
   */
  Optional<StoredClientCredentials> await(
      String clientId,
      Optional<StoredClientCredentials> seen,
      Predicate<StoredClientCredentials> accepts) {
    if (maxWait.isZero()) {
      return seen;
    }
    Map<String, Integer> byAddress = seen.isEmpty() ? unknownByAddress : knownByAddress;
    String address = remoteAddress();
    if (address != null && !takePlace(byAddress, address)) {
      full.increment();
      throw new Busy();
    }
    try {
      return awaitInPlace(clientId, seen, accepts);
    } finally {
      if (address != null) {
        byAddress.computeIfPresent(address, (unused, waiting) -> waiting <= 1 ? null : waiting - 1);
      }
    }
  }

  /** The address the request came from; null outside a request. */
  private static String remoteAddress() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        ? request.getRequest().getRemoteAddr()
        : null;
  }

  /** Takes one of the address's places of {@code byAddress}, if it has one left. */
  private boolean takePlace(Map<String, Integer> byAddress, String address) {
    boolean[] taken = {false};
    byAddress.compute(
        address,
        (unused, waiting) -> {
          int now = waiting == null ? 0 : waiting;
          if (now >= maxPerAddress) {
            return waiting;
          }
          taken[0] = true;
          return now + 1;
        });
    return taken[0];
  }

  private Optional<StoredClientCredentials> awaitInPlace(
      String clientId,
      Optional<StoredClientCredentials> seen,
      Predicate<StoredClientCredentials> accepts) {
    Semaphore waiters = seen.isEmpty() ? unknownClients : knownClients;
    if (!waiters.tryAcquire()) {
      full.increment();
      throw new Busy();
    }
    waited.increment();
    long deadline = System.nanoTime() + maxWait.toNanos();
    // Watched from before the first look, so that a commit in between is not slept through.
    try (CommittedVersions<String>.Watch watch = changes.watch(clientId)) {
      Optional<StoredClientCredentials> current = store.apply(clientId);
      while (current.isEmpty() || !accepts.test(current.get())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          if (current.isEmpty() && setbacks.within(CATCHING_UP)) {
            throw new CatchingUp();
          }
          return current;
        }
        try {
          watch.awaitVersion(
              current.map(StoredClientCredentials::version).orElse(0L) + 1,
              Duration.ofNanos(Math.min(left, LOOK_AGAIN.toNanos())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return current;
        }
        current = store.apply(clientId);
      }
      return current;
    } finally {
      waiters.release();
    }
  }

  /** Records are being tried again: the client's account may be in one. */
  static final class CatchingUp extends TemporarilyUnavailable {

    CatchingUp() {
      super("the token service is catching up with new accounts; try again in a second");
    }
  }

  /** Every waiting place is taken: the client is to ask again in a second. */
  static final class Busy extends TemporarilyUnavailable {

    Busy() {
      super("the token endpoint is busy with new clients; try again shortly");
    }
  }
}
