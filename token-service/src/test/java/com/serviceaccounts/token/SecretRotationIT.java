package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** After a rotation, earlier secrets work until the overlap ends, and not after. */
class SecretRotationIT extends TokenServiceIntegrationTest {

  @Test
  void withinTheOverlapTheEarlierAndTheNewSecretAreAccepted() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    publishAndAwait(account, r -> r.status() == 200, account.secretRotated(Duration.ofHours(1)));

    assertThat(api.tokenWithBasic(account.clientId, account.secret(1)).status()).isEqualTo(200);
    assertThat(api.tokenWithPost(account.clientId, account.secret(2)).status()).isEqualTo(200);
  }

  @Test
  void afterTheOverlapTheEarlierSecretIsRefusedAndTheNewOneAccepted() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    Duration overlap = Duration.ofSeconds(3);
    Instant overlapEnds = Instant.now().plus(overlap);

    publishAndAwait(account, r -> r.status() == 200, account.secretRotated(overlap));
    if (Instant.now().isBefore(overlapEnds.minusMillis(500))) {
      assertThat(api.tokenWithBasic(account.clientId, account.secret(1)).status()).isEqualTo(200);
    }

    eventually().until(() -> Instant.now().isAfter(overlapEnds.plusMillis(100)));
    assertRefused(api.tokenWithBasic(account.clientId, account.secret(1)));
    assertThat(api.tokenWithBasic(account.clientId, account.secret(2)).status()).isEqualTo(200);
  }

  @Test
  void anImmediateSwitchRefusesEveryEarlierSecretAtOnce() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    publishAndAwait(account, r -> r.status() == 200, account.secretRotated(Duration.ofHours(1)));

    publishAndAwait(account, r -> r.status() == 200, account.secretRotated(Duration.ZERO));

    assertRefused(api.tokenWithBasic(account.clientId, account.secret(1)));
    assertRefused(api.tokenWithBasic(account.clientId, account.secret(2)));
    assertThat(api.tokenWithBasic(account.clientId, account.secret(3)).status()).isEqualTo(200);
  }
}
