package com.serviceaccounts.token.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Ticker;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentCredentialsTest {

  private static final Duration MAX_AGE = Duration.ofMillis(500);

  private final Map<String, StoredClientCredentials> rows = new HashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  private final Function<String, Optional<StoredClientCredentials>> store =
      clientId -> {
        reads.incrementAndGet();
        return Optional.ofNullable(rows.get(clientId));
      };

  private final Ticker ticker = nanos::get;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aClientsNextRequestsUseTheRowReadForTheFirstUntilItIsMaxAgeOld() {
    StoredClientCredentials active = StoredClientCredentialsTest.created();
    rows.put(active.clientId(), active);
    RecentCredentials recent = new RecentCredentials(store, MAX_AGE, 10, meters, ticker);

    assertThat(recent.find(active.clientId())).contains(active);
    // Another instance deactivates the account: this one learns of it through the store only.
    rows.put(active.clientId(), deactivated(active));
    nanos.addAndGet(MAX_AGE.toNanos() - 1);
    assertThat(recent.find(active.clientId())).contains(active);
    assertThat(reads).hasValue(1);

    nanos.addAndGet(1);
    assertThat(recent.find(active.clientId())).contains(deactivated(active));
    assertThat(reads).hasValue(2);
    assertThat(gets("hit")).isEqualTo(1);
    assertThat(gets("miss")).isEqualTo(2);
  }

  /**
   * While the database is away each read fails after the pool's connection timeout: requests for
   * one client id that come meanwhile share one read and its failure, instead of reading (and
   * timing out) one after another.
   */
  @Test
  void requestsForOneClientDuringAReadShareItAndItsFailure() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    IllegalStateException away = new IllegalStateException("the database is away");
    Function<String, Optional<StoredClientCredentials>> awayStore =
        clientId -> {
          reads.incrementAndGet();
          try {
            waiting.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw away;
        };
    RecentCredentials recent = new RecentCredentials(awayStore, MAX_AGE, 10, meters, ticker);
    ExecutorService requests = Executors.newFixedThreadPool(8);
    List<Future<Optional<StoredClientCredentials>>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(requests.submit(() -> recent.find("sa_away")));
    }
    await().until(() -> gets("hit") + gets("miss") == 8);
    waiting.countDown();

    for (Future<Optional<StoredClientCredentials>> answer : answers) {
      assertThatThrownBy(answer::get).hasCause(away);
    }
    requests.shutdown();
    assertThat(reads).hasValue(1);
    // The failure is not kept: the next request reads again.
    assertThatThrownBy(() -> recent.find("sa_away")).isSameAs(away);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aChangeThisInstanceCommittedCountsFromTheNextRequest() {
    StoredClientCredentials active = StoredClientCredentialsTest.created();
    rows.put(active.clientId(), active);
    RecentCredentials recent = new RecentCredentials(store, MAX_AGE, 10, meters, ticker);
    recent.find(active.clientId());

    rows.put(active.clientId(), deactivated(active));
    recent.forget(List.of(active.clientId()));

    assertThat(recent.find(active.clientId())).contains(deactivated(active));
    assertThat(reads).hasValue(2);
  }

  @Test
  void anUnknownClientIdIsLookedUpEveryTimeSoThatANewAccountCountsAtOnce() {
    RecentCredentials recent = new RecentCredentials(store, MAX_AGE, 10, meters, ticker);
    StoredClientCredentials created = StoredClientCredentialsTest.created();

    assertThat(recent.find(created.clientId())).isEmpty();
    rows.put(created.clientId(), created);

    assertThat(recent.find(created.clientId())).contains(created);
    assertThat(reads).hasValue(2);
  }

  @Test
  void atMaxAgeZeroEveryRequestReadsTheStore() {
    StoredClientCredentials active = StoredClientCredentialsTest.created();
    rows.put(active.clientId(), active);
    RecentCredentials recent = new RecentCredentials(store, Duration.ZERO, 10, meters, ticker);

    recent.find(active.clientId());
    rows.put(active.clientId(), deactivated(active));

    assertThat(recent.find(active.clientId())).contains(deactivated(active));
    assertThat(reads).hasValue(2);
  }

  private double gets(String result) {
    return meters
        .get("cache.gets")
        .tags("cache", RecentCredentials.METER_NAME, "result", result)
        .functionCounter()
        .count();
  }

  private static StoredClientCredentials deactivated(StoredClientCredentials credentials) {
    return credentials.after(
        new ServiceAccountDeactivated(credentials.accountId(), credentials.companyId()),
        StoredClientCredentialsTest.T0,
        credentials.version() + 1);
  }
}
