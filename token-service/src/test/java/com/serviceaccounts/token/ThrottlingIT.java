package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.testsupport.TestAccount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * After {@value TokenServiceIntegrationTest#MAX_FAILURES} failures a client id is locked out for
 * the lockout (2 s in these tests): 429 with Retry-After, even with the right secret.
 */
class ThrottlingIT extends TokenServiceIntegrationTest {

  @Autowired MeterRegistry meters;

  @Test
  void repeatedFailuresLockTheClientIdOutUntilTheLockoutEnds() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    for (int i = 0; i < MAX_FAILURES; i++) {
      assertRefused(api.tokenWithBasic(account.clientId, "sas_guess-" + i));
    }
    TokenApi.Response locked = api.tokenWithBasic(account.clientId, account.secret());

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(locked.body()).doesNotContain("access_token");

    TokenApi.Response afterLockout =
        eventually()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> api.tokenWithBasic(account.clientId, account.secret()),
                r -> r.status() != 429);
    assertThat(afterLockout.status()).isEqualTo(200);

    try (TopicRecords<SecurityEntry> entries = securityEntries()) {
      List<SecurityEntry> ofAccount =
          eventually()
              .until(
                  () ->
                      entries
                          .poll(Duration.ofMillis(200), e -> account.id.equals(e.accountId()))
                          .stream()
                          .map(TopicRecords.Keyed::value)
                          .toList(),
                  found -> found.size() >= MAX_FAILURES);
      // The wrong secret that locked the client id out says so; the refusals while it was
      // locked out are not written into the company's chain (anyone who knows a client id could).
      assertThat(ofAccount).hasSize(MAX_FAILURES).allMatch(e -> e.status() == 401);
      assertThat(ofAccount.get(MAX_FAILURES - 1).reason())
          .contains("too many failed attempts: locked out for");
      assertThat(entries.poll(Duration.ofSeconds(1), e -> account.id.equals(e.accountId())))
          .hasSize(MAX_FAILURES);
    }
  }

  /**
   * A secret told to come back because this address's places to wait are taken is not counted as
   * wrong, for it may be one just handed out (counted, a rotated secret's first requests locked it
   * out for the whole lockout), but holds its place in the count for as long as it would have
   * waited: once the places are taken, the client id's next requests are told to come back before
   * their secret is compared, so guesses told to come back are no more than the lockout allows.
   */
  @Test
  void aSecretToldToComeBackHoldsItsPlaceButIsNotCountedAsWrong() throws Exception {
    List<TestAccount> flooded = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      flooded.add(TestAccount.inANewCompany());
      activeAccount(flooded.get(i));
    }
    TestAccount rotated = TestAccount.inANewCompany();
    activeAccount(rotated);
    EventEnvelope rotation = rotated.secretRotated(Duration.ofHours(1));
    ExecutorService flood = Executors.newFixedThreadPool(10);
    List<Future<TokenApi.Response>> waiting = new ArrayList<>();
    long lastBusy = 0;
    try {
      // Wrong secrets of ten known client ids wait 2 s each in this address's ten places.
      for (TestAccount account : flooded) {
        waiting.add(flood.submit(() -> api.tokenWithBasic(account.clientId, "sas_wrong")));
      }
      Thread.sleep(500);

      // The rotated secret, not here yet, finds no place to wait: told to come back once the
      // place it holds in the count is free again.
      for (int i = 0; i < MAX_FAILURES; i++) {
        TokenApi.Response busy = api.tokenWithBasic(rotated.clientId, rotated.secret(2));
        lastBusy = System.nanoTime();
        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("2");
      }
      TokenApi.Response pending = api.tokenWithBasic(rotated.clientId, rotated.secret(1));
      assertThat(pending.status()).isEqualTo(503);
      assertThat(pending.body()).contains("still being checked");
      assertThat(pending.header("Retry-After")).isEqualTo("2");
    } finally {
      for (Future<TokenApi.Response> request : waiting) {
        request.get(30, TimeUnit.SECONDS); // the places are given back for the tests after
      }
      flood.shutdownNow();
    }
    feed.publish(rotation);
    eventually().until(() -> version(rotated) == 2);

    // Coming back as told, the secret is served.
    TimeUnit.NANOSECONDS.sleep(
        Math.max(0, lastBusy + Duration.ofSeconds(2).toNanos() - System.nanoTime()));
    TokenApi.Response served = api.tokenWithBasic(rotated.clientId, rotated.secret(2));
    assertThat(served.status()).as(served.body()).isEqualTo(200);
  }

  /**
   * Wrong secrets sent at once wait for their verdict together: each holds a place in the count
   * while it waits, and once the places reach the lockout's number the others are told to come back
   * before they are compared (once, all ten were, and a guesser got ten guesses where the lockout
   * allows three). Told to come back, they do not count.
   */
  @Test
  void concurrentWrongSecretsGetNoMoreVerdictsThanTheLockoutAllows() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    ExecutorService guessers = Executors.newFixedThreadPool(10);
    try {
      List<Future<TokenApi.Response>> guesses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String wrong = "sas_guess-" + i;
        guesses.add(guessers.submit(() -> api.tokenWithBasic(account.clientId, wrong)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<TokenApi.Response> guess : guesses) {
        statuses.add(guess.get(30, TimeUnit.SECONDS).status());
      }

      assertThat(statuses).filteredOn(status -> status == 401).hasSize(MAX_FAILURES);
      assertThat(statuses).filteredOn(status -> status == 503).hasSize(10 - MAX_FAILURES);
      assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(429);
    } finally {
      guessers.shutdownNow();
    }
  }

  @Test
  void aSuccessInBetweenStartsTheCountAgain() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < MAX_FAILURES - 1; i++) {
        assertRefused(api.tokenWithBasic(account.clientId, "sas_guess-" + i));
      }
      assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
    }
  }

  @Test
  void aLockoutIsPerClientId() {
    TestAccount attacked = TestAccount.inANewCompany();
    TestAccount other = TestAccount.inANewCompany();
    activeAccount(attacked);
    activeAccount(other);

    for (int i = 0; i < MAX_FAILURES; i++) {
      api.tokenWithBasic(attacked.clientId, "sas_guess-" + i);
    }

    assertThat(api.tokenWithBasic(attacked.clientId, attacked.secret()).status()).isEqualTo(429);
    assertThat(api.tokenWithBasic(other.clientId, other.secret()).status()).isEqualTo(200);
  }

  /**
   * A client may send refusals as fast as it likes: a known client id's wrong secrets are logged,
   * as many as the lockout allows, but its refusals while locked out and those of unknown client
   * ids are only counted, so no client fills the log.
   */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void refusalsWhileLockedOutAndOfUnknownClientIdsAreCountedNotLogged(CapturedOutput output) {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    double lockedOutBefore = refused("known", "429");
    double unknownBefore = refused("unknown", "401");

    for (int i = 0; i < MAX_FAILURES; i++) {
      assertRefused(api.tokenWithBasic(account.clientId, "sas_guess-" + i));
    }
    for (int i = 0; i < 20; i++) { // well within the lockout's 2 s
      assertThat(api.tokenWithBasic(account.clientId, "sas_guess").status()).isEqualTo(429);
    }
    for (int i = 0; i < 3; i++) { // each waits 2 s for the client id to arrive
      assertRefused(api.tokenWithBasic("sa_never-created", "sas_anything"));
    }

    assertThat(refused("known", "429") - lockedOutBefore).isEqualTo(20);
    assertThat(refused("unknown", "401") - unknownBefore).isEqualTo(3);
    assertThat(output.getAll().lines().filter(line -> line.contains(" refused (")))
        .hasSize(MAX_FAILURES)
        .allMatch(line -> line.contains("refused (401) for client " + account.clientId));
  }

  @Test
  void neitherUnknownClientIdsNorRightSecretsOfAnInactiveAccountLockOut() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created();
    for (int i = 0; i <= MAX_FAILURES; i++) {
      assertRefused(api.tokenWithBasic(account.clientId, account.secret()));
    }
    publishAndAwait(account, r -> r.status() != 401, created);
    publishAndAwait(account, r -> r.status() != 200, account.deactivated());
    for (int i = 0; i <= MAX_FAILURES; i++) {
      assertRefused(api.tokenWithBasic(account.clientId, account.secret()));
    }

    // In the second of the deactivation the answer is a 503 to come back
    // (IntrospectionAndRevocationIT).
    TokenApi.Response reactivated =
        publishAndAwait(
            account, r -> r.status() != 401 && r.status() != 503, account.reactivated());

    assertThat(reactivated.status()).isEqualTo(200);
  }

  private double refused(String client, String status) {
    Counter counter =
        meters
            .find("token.client.authentication.refused")
            .tags("client", client, "status", status)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
