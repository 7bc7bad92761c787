package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.IntakeSetbacks;
import com.serviceaccounts.testsupport.TestAccount;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A secret works on the very request after its event reached Kafka, as it does after command-
 * service's response: the token endpoint waits for the credentials store to learn of it rather than
 * refusing it, and a flood of made-up client ids that takes every waiting place tells a new
 * account's first request to come back (503), never that it is unknown; so does an intake that is
 * trying its record again.
 */
class SecretUsableAtOnceIT extends TokenServiceIntegrationTest {

  static final int ROUNDS = 20;

  /** More made-up client ids at once than may wait (50). */
  static final int FLOOD = 80;

  @Autowired DataSource dataSource;
  @Autowired IntakeSetbacks setbacks;

  @Test
  void aNewAccountsSecretGetsATokenOnTheVeryNextRequest() {
    for (int round = 0; round < ROUNDS; round++) {
      TestAccount account = TestAccount.inANewCompany();
      feed.publish(account.created());

      TokenApi.Response response =
          round % 2 == 0
              ? api.tokenWithBasic(account.clientId, account.secret())
              : api.tokenWithPost(account.clientId, account.secret());

      assertThat(response.status()).as("round %d: %s", round, response.body()).isEqualTo(200);
    }
  }

  @Test
  void aRotatedSecretGetsATokenOnTheVeryNextRequestAndTheEarlierOneStillWorks() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    for (int secret = 2; secret <= ROUNDS + 1; secret++) {
      feed.publish(account.secretRotated(Duration.ofHours(1)));

      TokenApi.Response withNew = api.tokenWithBasic(account.clientId, account.secret(secret));
      TokenApi.Response withEarlier =
          api.tokenWithBasic(account.clientId, account.secret(secret - 1));

      assertThat(withNew.status()).as("secret %d: %s", secret, withNew.body()).isEqualTo(200);
      assertThat(withEarlier.status()).as("secret %d", secret - 1).isEqualTo(200);
    }
  }

  /**
   * A rotated secret's first requests, sent all at once before token-service has the rotation, are
   * never refused: while as many of them as the lockout counts wait for the secret (each holds a
   * place in the count, as a wrong one would), the others are told to come back (503, {@code
   * Retry-After: 2}), and get a token when they do.
   */
  @Test
  void aRotatedSecretSentByManyClientsAtOnceGetsEachAToken() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    EventEnvelope rotation = account.secretRotated(Duration.ofHours(1));
    ExecutorService clients = Executors.newFixedThreadPool(10);
    try {
      List<Future<TokenApi.Response>> requests = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        requests.add(clients.submit(() -> api.tokenWithBasic(account.clientId, account.secret(2))));
      }
      Thread.sleep(300);
      feed.publish(rotation);

      int served = 0;
      for (Future<TokenApi.Response> request : requests) {
        TokenApi.Response response = request.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.body()).isIn(200, 503);
        if (response.status() == 503) {
          // Told to come back once the secrets waiting have their verdict: after their 2 s at most.
          assertThat(response.header("Retry-After")).isEqualTo("2");
          assertTokenOnceNotToldToComeBack(account);
        } else {
          served++;
        }
      }
      assertThat(served).isGreaterThanOrEqualTo(MAX_FAILURES);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aFloodOfMadeUpClientIdsDoesNotRefuseANewAccountAsUnknown() throws Exception {
    ExecutorService flood = Executors.newFixedThreadPool(FLOOD);
    try {
      List<Future<TokenApi.Response>> madeUp = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        madeUp.add(
            flood.submit(() -> api.tokenWithBasic("sa_made-up-" + UUID.randomUUID(), "sas_x")));
      }
      Thread.sleep(500); // every waiting place is taken by now

      TestAccount account = TestAccount.inANewCompany();
      feed.publish(account.created());
      TokenApi.Response first = api.tokenWithBasic(account.clientId, account.secret());
      if (first.status() != 200) {
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isEqualTo("1");
        assertThat(first.json().get("error").asText()).isEqualTo("temporarily_unavailable");
      }
      assertTokenOnceNotToldToComeBack(account);

      int busy = 0;
      for (Future<TokenApi.Response> each : madeUp) {
        TokenApi.Response response = each.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.body()).isIn(401, 503);
        busy += response.status() == 503 ? 1 : 0;
      }
      assertThat(busy).as("requests told to come back").isPositive();
    } finally {
      flood.shutdownNow();
    }
  }

  /**
   * A new account whose record the intake cannot store yet (a lock held on the credentials: its
   * write times out after 2 s and is tried again) is told to come back, not that it is unknown, and
   * gets its token once the record is stored.
   */
  @Test
  void aNewAccountWhoseRecordIsTriedAgainIsToldToComeBack() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement lock = holder.createStatement()) {
        lock.execute("LOCK TABLE client_credentials IN SHARE MODE"); // reads pass, writes wait
      }
      feed.publish(account.created());
      // Asked once the intake has been applying the record for over a second (however long Kafka
      // took to deliver it): its write waits for the lock longer than the request's 2 s wait for
      // the credentials, and fails only after it.
      eventually().until(() -> setbacks.within(Duration.ZERO));

      TokenApi.Response first = api.tokenWithBasic(account.clientId, account.secret());

      assertThat(first.status()).as(first.body()).isEqualTo(503);
      assertThat(first.header("Retry-After")).isEqualTo("1");
      assertThat(first.json().get("error").asText()).isEqualTo("temporarily_unavailable");
      holder.rollback();
    }
    assertTokenOnceNotToldToComeBack(account);
    // Until the setback is 10 s old, every client id still unknown is told to come back.
    eventually().until(() -> !setbacks.within(Duration.ofSeconds(10)));
  }

  @Test
  void aWrongSecretIsStillRefusedAfterTheWait() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    assertRefused(api.tokenWithBasic(account.clientId, "sas_not-the-secret"));
    assertRefused(api.tokenWithBasic("sa_never-created", "sas_anything"));
    assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
  }

  /** Comes back as told ({@code Retry-After: 1}) until the answer is no 503: a token. */
  private void assertTokenOnceNotToldToComeBack(TestAccount account) {
    assertThat(
            eventually()
                .pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                    () -> api.tokenWithBasic(account.clientId, account.secret()),
                    response -> response.status() != 503)
                .status())
        .isEqualTo(200);
  }
}
