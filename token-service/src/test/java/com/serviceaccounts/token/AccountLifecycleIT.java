package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Only ACTIVE accounts get tokens; the store follows the events in version order, once each. */
class AccountLifecycleIT extends TokenServiceIntegrationTest {

  @Autowired CommittedVersions<String> credentialsChanges;

  @Test
  void aChangeThisInstanceAppliedCountsFromTheVeryNextRequestThoughTheCredentialsWereKept()
      throws InterruptedException {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    // The account's credentials are kept for the requests that follow (RecentCredentials).
    assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);

    EventEnvelope deactivated = account.deactivated();
    try (CommittedVersions<String>.Watch watch = credentialsChanges.watch(account.clientId)) {
      feed.publish(deactivated);
      assertThat(watch.awaitVersion(deactivated.version(), Duration.ofSeconds(30)))
          .isEqualTo(deactivated.version());
    }

    assertRefused(api.tokenWithBasic(account.clientId, account.secret()));
  }

  @Test
  void aDeactivatedAccountIsRefusedAndAReactivatedOneServedAgain() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    assertRefused(publishAndAwait(account, r -> r.status() != 200, account.deactivated()));
    assertRefused(api.tokenWithPost(account.clientId, account.secret()));

    assertThat(publishAndAwait(account, r -> r.status() == 200, account.reactivated()).status())
        .isEqualTo(200);
  }

  @Test
  void aDeletedAccountIsRefusedARestoredOneServedAndAPurgedOneUnknown() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    assertRefused(
        publishAndAwait(account, r -> r.status() != 200, account.deleted(AccountStatus.ACTIVE)));
    assertThat(
            publishAndAwait(account, r -> r.status() == 200, account.restored(AccountStatus.ACTIVE))
                .status())
        .isEqualTo(200);

    publishAndAwait(account, r -> r.status() != 200, account.deleted(AccountStatus.ACTIVE));
    EventEnvelope purged = account.purged();
    feed.publish(purged);
    eventually().until(() -> jdbcRows(account), rows -> rows == 0);
    assertRefused(api.tokenWithBasic(account.clientId, account.secret()));
    // Of the ids of its events applied, only the purge's is kept.
    assertThat(
            jdbc.sql("SELECT version FROM applied_event WHERE account_id = ?")
                .param(account.id)
                .query(Long.class)
                .list())
        .containsExactly(purged.version());
  }

  @Test
  void aDeletedDeactivatedAccountRestoredStaysRefused() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    feed.publish(account.deactivated(), account.deleted(AccountStatus.DEACTIVATED));
    EventEnvelope restored = account.restored(AccountStatus.DEACTIVATED);
    EventEnvelope renamed = account.renamed("account " + account.id, "renamed");
    feed.publish(restored, renamed);

    eventually().until(() -> version(account), v -> v == renamed.version());
    assertRefused(api.tokenWithBasic(account.clientId, account.secret()));
  }

  @Test
  void aRedeliveredEventChangesNothing() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    EventEnvelope deactivated = account.deactivated();
    EventEnvelope reactivated = account.reactivated();
    EventEnvelope admin = account.permissions("admin", PermissionLevel.ADMIN);
    publishAndAwait(account, r -> r.status() != 200, deactivated);
    publishAndAwait(account, r -> r.status() == 200, reactivated);

    feed.publish(deactivated);
    feed.publish(admin);
    eventually().until(() -> version(account), v -> v == admin.version());
    assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
  }

  private long jdbcRows(TestAccount account) {
    return jdbc.sql("SELECT count(*) FROM client_credentials WHERE account_id = ?")
        .param(account.id)
        .query(Long.class)
        .single();
  }
}
