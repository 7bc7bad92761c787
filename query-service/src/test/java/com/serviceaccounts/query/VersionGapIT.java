package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The publisher delivers each account's events in order, so a missing version means something is
 * wrong upstream. The consumer does not skip the event: it retries it (with back-off) until it can
 * be applied, here once an operator has repaired the projection.
 */
class VersionGapIT extends QueryServiceIntegrationTest {

  @Test
  void anEventAfterAGapIsRetriedNotSkipped() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Schedule sync"));
    awaitAccountAtVersion(account, 1);

    account.skipAVersion();
    feed.publish(account.renamed("Schedule sync (v2, lost)", "Schedule sync v3"));

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> api.account(account.companyId, account.id).json().get("version").asLong() == 1);
    assertThat(auditRows(account.id)).isEqualTo(1);

    // The repair: the lost version 2 is put back by hand, and the retried event now applies.
    jdbc.sql("UPDATE service_account SET version = 2 WHERE id = ?").param(account.id).update();

    var view = awaitAccountAtVersion(account, 3).json();
    assertThat(view.get("name").asString()).isEqualTo("Schedule sync v3");
    assertThat(auditRows(account.id)).isEqualTo(2);
  }

  @Test
  void anEditOfAnAccountNeverCreatedIsRetriedNotSkipped() {
    TestAccount account = TestAccount.inANewCompany();
    account.created("Inspections sync (lost)");
    feed.publish(account.renamed("Inspections sync", "Inspections"));

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> listingRows(account.id) == 0 && auditRows(account.id) == 0);

    // The repair: the lost creation is put back by hand, and the retried edit now applies.
    jdbc.sql(
            """
            INSERT INTO service_account (id, company_id, client_id, name, app_type,
                                         encrypted_contact_email, created_at, created_by, version)
            VALUES (?, ?, 'sa_restored', 'Inspections sync', 'CUSTOM', ?, now(), 'ops', 1)
            """)
        .params(
            account.id,
            account.companyId,
            TestAccount.vault.seal(account.id, account.contactEmail()))
        .update();

    var view = awaitAccountAtVersion(account, 2).json();
    assertThat(view.get("name").asString()).isEqualTo("Inspections");
    assertThat(auditRows(account.id)).isEqualTo(1);
  }
}
