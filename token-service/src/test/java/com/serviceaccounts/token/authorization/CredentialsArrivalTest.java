package com.serviceaccounts.token.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.intake.IntakeSetbacks;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import com.serviceaccounts.token.credentials.StoredSecret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A request waits for its client's credentials until they arrive, woken by the commit; when
 * max-waiters requests wait already, the next one is answered at once: with what it saw, or for an
 * unknown client id with a request to come back.
 */
class CredentialsArrivalTest {

  /** Long enough never to end while a test runs: the tests wake the waiters themselves. */
  static final Duration FOREVER = Duration.ofSeconds(30);

  final Map<String, StoredClientCredentials> store = new ConcurrentHashMap<>();
  final CommittedVersions<String> changes = new CommittedVersions<>();
  final CountDownLatch looked = new CountDownLatch(1);
  final Map<String, CountDownLatch> lookedFor = new ConcurrentHashMap<>();
  final IntakeSetbacks setbacks = new IntakeSetbacks(Clock.systemUTC());

  CredentialsArrival arrival(Duration maxWait, int maxWaiters) {
    return new CredentialsArrival(
        clientId -> {
          looked.countDown();
          lookedFor(clientId).countDown();
          return Optional.ofNullable(store.get(clientId));
        },
        changes,
        new TokenProperties.CredentialsWait(maxWait, maxWaiters),
        new SimpleMeterRegistry(),
        setbacks);
  }

  /** Counted down once the store is looked in for {@code clientId}. */
  CountDownLatch lookedFor(String clientId) {
    return lookedFor.computeIfAbsent(clientId, id -> new CountDownLatch(1));
  }

  static StoredClientCredentials account(String clientId, String hash) {
    return account(clientId, hash, 1);
  }

  static StoredClientCredentials account(String clientId, String hash, long version) {
    return new StoredClientCredentials(
        UUID.randomUUID(),
        UUID.randomUUID(),
        clientId,
        AccountStatus.ACTIVE,
        Map.of(),
        List.of(new StoredSecret(1, hash, null)),
        version,
        null);
  }

  @Test
  void aWaitingRequestGetsTheCredentialsOnceTheirCommitArrives() throws Exception {
    CredentialsArrival arrival = arrival(FOREVER, 1);
    CompletableFuture<Optional<StoredClientCredentials>> waiting =
        CompletableFuture.supplyAsync(
            () -> arrival.await("sa_new", Optional.empty(), credentials -> true));
    assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();

    store.put("sa_new", account("sa_new", "sha256:new"));
    changes.committed(Map.of("sa_new", 1L));

    assertThat(waiting.get(10, TimeUnit.SECONDS))
        .get()
        .extracting(StoredClientCredentials::clientId)
        .isEqualTo("sa_new");
  }

  @Test
  void aChangeThatIsNotTheAwaitedOneKeepsTheRequestWaiting() throws Exception {
    CredentialsArrival arrival = arrival(FOREVER, 1);
    store.put("sa_1", account("sa_1", "sha256:old"));
    CompletableFuture<Optional<StoredClientCredentials>> waiting =
        CompletableFuture.supplyAsync(
            () ->
                arrival.await(
                    "sa_1",
                    Optional.of(store.get("sa_1")),
                    credentials -> credentials.secrets().get(0).hash().equals("sha256:new")));
    assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();

    store.put("sa_1", account("sa_1", "sha256:old", 2));
    changes.committed(Map.of("sa_1", 2L));
    changes.committed(Map.of("sa_other", 9L));
    assertThat(waiting).isNotDone();

    store.put("sa_1", account("sa_1", "sha256:new", 3));
    changes.committed(Map.of("sa_1", 3L));
    assertThat(waiting.get(10, TimeUnit.SECONDS).orElseThrow().secrets().get(0).hash())
        .isEqualTo("sha256:new");
  }

  @Test
  void whenMaxWaitersWaitTheNextRequestIsAnsweredAtOnce() throws Exception {
    CredentialsArrival arrival = arrival(FOREVER, 1);
    CompletableFuture<Optional<StoredClientCredentials>> first =
        CompletableFuture.supplyAsync(
            () -> arrival.await("sa_bogus-1", Optional.empty(), credentials -> true));
    assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();

    // An unknown client id may be a new account's: told to come back, not that it is unknown.
    assertThatThrownBy(() -> arrival.await("sa_bogus-2", Optional.empty(), credentials -> true))
        .isInstanceOf(CredentialsArrival.Busy.class);
    assertThat(first).isNotDone();

    // A known client's rotated secret waits in places of its own, which unknown ones cannot take.
    StoredClientCredentials seen = account("sa_2", "sha256:2");
    store.put("sa_2", seen);
    CompletableFuture<Optional<StoredClientCredentials>> rotated =
        CompletableFuture.supplyAsync(
            () ->
                arrival.await("sa_2", Optional.of(seen), credentials -> credentials.version() > 1));
    assertThat(lookedFor("sa_2").await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(rotated).isNotDone();
    // Those taken too, the next known client is told to come back: its secret may be one rotated a
    // moment ago, which a refusal would tell it is wrong.
    StoredClientCredentials other = account("sa_other", "sha256:o");
    assertThatThrownBy(() -> arrival.await("sa_other", Optional.of(other), credentials -> false))
        .isInstanceOf(CredentialsArrival.Busy.class);
    store.put("sa_2", account("sa_2", "sha256:rotated", 2));
    changes.committed(Map.of("sa_2", 2L));
    assertThat(rotated.get(10, TimeUnit.SECONDS).orElseThrow().version()).isEqualTo(2);

    store.put("sa_bogus-1", account("sa_bogus-1", "sha256:1"));
    changes.committed(Map.of("sa_bogus-1", 1L));
    assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
    // the first waiter has gone: the next may wait again
    store.put("sa_3", account("sa_3", "sha256:3"));
    assertThat(arrival.await("sa_3", Optional.empty(), credentials -> true)).isPresent();
  }

  /**
   * One address holds at most a fifth of the places for unknown client ids: one client alone cannot
   * fill them and keep new accounts (of other clients) from their first token.
   */
  @Test
  void oneAddressTakesAFifthOfThePlacesForUnknownClientIds() throws Exception {
    CredentialsArrival arrival = arrival(FOREVER, 5);
    CompletableFuture<Optional<StoredClientCredentials>> flooding =
        CompletableFuture.supplyAsync(
            () ->
                from(
                    "203.0.113.7",
                    () -> arrival.await("sa_made-up-1", Optional.empty(), c -> true)));
    assertThat(lookedFor("sa_made-up-1").await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(
            () ->
                from(
                    "203.0.113.7",
                    () -> arrival.await("sa_made-up-2", Optional.empty(), c -> true)))
        .isInstanceOf(CredentialsArrival.Busy.class);
    CompletableFuture<Optional<StoredClientCredentials>> newAccount =
        CompletableFuture.supplyAsync(
            () -> from("198.51.100.2", () -> arrival.await("sa_new", Optional.empty(), c -> true)));
    assertThat(lookedFor("sa_new").await(10, TimeUnit.SECONDS)).isTrue();
    store.put("sa_new", account("sa_new", "sha256:new"));
    changes.committed(Map.of("sa_new", 1L));
    assertThat(newAccount.get(10, TimeUnit.SECONDS)).isPresent();

    store.put("sa_made-up-1", account("sa_made-up-1", "sha256:1"));
    changes.committed(Map.of("sa_made-up-1", 1L));
    assertThat(flooding.get(10, TimeUnit.SECONDS)).isPresent();
    assertThatCode(
            () -> from("203.0.113.7", () -> arrival.await("sa_new", Optional.empty(), c -> true)))
        .as("its place given back")
        .doesNotThrowAnyException();
  }

  /**
   * One address holds at most a fifth of the places for known client ids too: one client's flood of
   * wrong secrets for accounts of its own cannot keep another company's rotated secret waiting
   * until it is refused.
   */
  @Test
  void oneAddressTakesAFifthOfThePlacesForKnownClientIds() throws Exception {
    CredentialsArrival arrival = arrival(FOREVER, 5);
    StoredClientCredentials owned = account("sa_own", "sha256:own");
    store.put("sa_own", owned);
    CompletableFuture<Optional<StoredClientCredentials>> flooding =
        newerFrom("203.0.113.7", arrival, owned);
    assertThat(lookedFor("sa_own").await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(
            () ->
                from("203.0.113.7", () -> arrival.await("sa_own", Optional.of(owned), c -> false)))
        .isInstanceOf(CredentialsArrival.Busy.class);
    StoredClientCredentials victim = account("sa_victim", "sha256:before");
    store.put("sa_victim", victim);
    CompletableFuture<Optional<StoredClientCredentials>> rotated =
        newerFrom("198.51.100.2", arrival, victim);
    assertThat(lookedFor("sa_victim").await(10, TimeUnit.SECONDS)).isTrue();
    store.put("sa_victim", account("sa_victim", "sha256:rotated", 2));
    changes.committed(Map.of("sa_victim", 2L));
    assertThat(rotated.get(10, TimeUnit.SECONDS).orElseThrow().version()).isEqualTo(2);

    store.put("sa_own", account("sa_own", "sha256:own", 2));
    changes.committed(Map.of("sa_own", 2L));
    assertThat(flooding.get(10, TimeUnit.SECONDS)).isPresent();
  }

  /** A request from {@code address} waiting for credentials newer than {@code seen}. */
  private static CompletableFuture<Optional<StoredClientCredentials>> newerFrom(
      String address, CredentialsArrival arrival, StoredClientCredentials seen) {
    return CompletableFuture.supplyAsync(
        () ->
            from(
                address,
                () ->
                    arrival.await(
                        seen.clientId(), Optional.of(seen), c -> c.version() > seen.version())));
  }

  /** What {@code call} gives, asked in a request from {@code address}. */
  private static <T> T from(String address, Supplier<T> call) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(address);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    try {
      return call.get();
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }

  @Test
  void afterTheWaitTheNewestCredentialsAreReturnedEvenIfNotAccepted() {
    CredentialsArrival arrival = arrival(Duration.ofMillis(1), 1);
    StoredClientCredentials current = account("sa_4", "sha256:4");
    store.put("sa_4", current);

    assertThat(arrival.await("sa_4", Optional.empty(), credentials -> false)).contains(current);
    assertThat(arrival.await("sa_unknown", Optional.empty(), credentials -> true)).isEmpty();
  }

  /**
   * While the intake fails to apply records for a reason that passes (the database away), a client
   * id still unknown after the wait may be in one of them: come back, not {@code invalid_client}.
   */
  @Test
  void anUnknownClientWhileRecordsAreTriedAgainIsToldToComeBack() {
    CredentialsArrival arrival = arrival(Duration.ofMillis(1), 1);
    setbacks.passingFailure();

    assertThatThrownBy(() -> arrival.await("sa_unknown", Optional.empty(), credentials -> true))
        .isInstanceOf(CredentialsArrival.CatchingUp.class);
    StoredClientCredentials current = account("sa_6", "sha256:6");
    store.put("sa_6", current);
    assertThat(arrival.await("sa_6", Optional.empty(), credentials -> false))
        .as("a known client's wrong secret is refused as ever")
        .contains(current);
  }

  @Test
  void noWaitWhenTheWaitIsSwitchedOff() {
    CredentialsArrival arrival = arrival(Duration.ZERO, 1);
    store.put("sa_5", account("sa_5", "sha256:5"));

    assertThat(arrival.await("sa_5", Optional.empty(), credentials -> true)).isEmpty();
  }
}
