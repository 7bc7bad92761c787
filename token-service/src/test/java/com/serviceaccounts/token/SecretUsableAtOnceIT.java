package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A secret works on the very request after its event reached Kafka, as it does after command-
 * service's response: the token endpoint waits for the credentials store to learn of it rather than
 * refusing it.
 */
class SecretUsableAtOnceIT extends TokenServiceIntegrationTest {

  static final int ROUNDS = 20;

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

  @Test
  void aWrongSecretIsStillRefusedAfterTheWait() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    assertRefused(api.tokenWithBasic(account.clientId, "sas_not-the-secret"));
    assertRefused(api.tokenWithBasic("sa_never-created", "sas_anything"));
    assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
  }
}
