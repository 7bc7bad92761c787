package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The publisher delivers each company's events in order, so a missing version of an account, or a
 * missing number in its company's sequence, means something is wrong upstream. The consumer does
 * not skip the event: it retries it (with back-off) until it can be applied, here once an operator
 * has repaired the projection.
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

    // The repair: the lost version 2 (the company's event 2) is put back by hand, and the retried
    // event now applies.
    jdbc.sql("UPDATE service_account SET version = 2 WHERE id = ?").param(account.id).update();
    repairCompanyPosition(account, 2);

    var view = awaitAccountAtVersion(account, 3).json();
    assertThat(view.get("name").asString()).isEqualTo("Schedule sync v3");
    assertThat(auditRows(account.id)).isEqualTo(2);
  }

  @Test
  void aCompanysEventAfterAGapInItsSequenceIsRetriedEvenForAnotherAccount() {
    UUID company = UUID.randomUUID();
    TestAccount first = TestAccount.inCompany(company);
    TestAccount second = TestAccount.inCompany(company);
    feed.publish(first.created("Directory sync"));
    awaitAccountAtVersion(first, 1);

    first.renamed("Directory sync", "Directory sync (lost)");
    feed.publish(second.created("Reports export"));

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> listingRows(second.id) == 0 && auditRows(second.id) == 0);

    repairCompanyPosition(first, 2);

    awaitAccountAtVersion(second, 1);
    assertThat(auditRows(second.id)).isEqualTo(1);
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
            INSERT INTO service_account (id, company_id, client_id, name, app_type, contact_email,
                                         created_at, created_by, version)
            VALUES (?, ?, 'sa_restored', 'Inspections sync', 'CUSTOM', 'restored@acme.example', now(), 'ops', 1)
            """)
        .params(account.id, account.companyId)
        .update();
    jdbc.sql("INSERT INTO company_event_position (company_id, applied) VALUES (?, 1)")
        .param(account.companyId)
        .update();

    var view = awaitAccountAtVersion(account, 2).json();
    assertThat(view.get("name").asString()).isEqualTo("Inspections");
    assertThat(auditRows(account.id)).isEqualTo(1);
  }

  private void repairCompanyPosition(TestAccount account, long applied) {
    jdbc.sql("UPDATE company_event_position SET applied = ? WHERE company_id = ?")
        .params(applied, account.companyId)
        .update();
  }
}
