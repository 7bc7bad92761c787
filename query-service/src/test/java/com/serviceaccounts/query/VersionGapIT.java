package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The publisher delivers each company's events in order, so a missing version of an account, or a
 * missing number in its company's sequence, means something is wrong upstream. The consumer does
 * not skip the event: it retries it (with back-off) until it can be applied, here once the missing
 * event shows up after all, within the gap wait (6 s in these tests; after it the event is parked,
 * see {@link ParkedRecordsIT}).
 */
class VersionGapIT extends QueryServiceIntegrationTest {

  /** The waiting record holds up its partition, so the missing one arrives on another. */
  private static final int WAITING = 0;

  private static final int LATE = 1;

  @Test
  void anEventAfterAGapIsRetriedNotSkipped() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Schedule sync"), WAITING);
    awaitAccountAtVersion(account, 1);

    EventEnvelope late = account.renamed("Schedule sync", "Schedule sync v2");
    feed.publish(account.renamed("Schedule sync v2", "Schedule sync v3"), WAITING);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> api.account(account.companyId, account.id).json().get("version").asLong() == 1);
    assertThat(auditRows(account.id)).isEqualTo(1);

    feed.publish(late, LATE);

    var view = awaitAccountAtVersion(account, 3).json();
    assertThat(view.get("name").asString()).isEqualTo("Schedule sync v3");
    assertThat(auditRows(account.id)).isEqualTo(3);
  }

  @Test
  void aCompanysEventAfterAGapInItsSequenceIsRetriedEvenForAnotherAccount() {
    UUID company = UUID.randomUUID();
    TestAccount first = TestAccount.inCompany(company);
    TestAccount second = TestAccount.inCompany(company);
    feed.publish(first.created("Directory sync"), WAITING);
    awaitAccountAtVersion(first, 1);

    EventEnvelope late = first.renamed("Directory sync", "Directory sync v2");
    feed.publish(second.created("Reports export"), WAITING);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> listingRows(second.id) == 0 && auditRows(second.id) == 0);

    feed.publish(late, LATE);

    awaitAccountAtVersion(second, 1);
    assertThat(auditRows(second.id)).isEqualTo(1);
    assertThat(api.account(company, first.id).json().get("name").asString())
        .isEqualTo("Directory sync v2");
  }

  @Test
  void anEditOfAnAccountNeverCreatedIsRetriedNotSkipped() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope late = account.created("Inspections sync");
    feed.publish(account.renamed("Inspections sync", "Inspections"), WAITING);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> listingRows(account.id) == 0 && auditRows(account.id) == 0);

    feed.publish(late, LATE);

    var view = awaitAccountAtVersion(account, 2).json();
    assertThat(view.get("name").asString()).isEqualTo("Inspections");
    assertThat(auditRows(account.id)).isEqualTo(2);
  }

  @Test
  void eventsOfACompanyOutOfOrderOnOnePartitionAreAppliedInOrder() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Budget export");
    EventEnvelope renamed = account.renamed("Budget export", "Budget export v2");
    EventEnvelope renamedAgain = account.renamed("Budget export v2", "Budget export v3");

    feed.publish(renamedAgain, WAITING);
    feed.publish(renamed, WAITING);
    feed.publish(created, WAITING);

    var view = awaitAccountAtVersion(account, 3).json();
    assertThat(view.get("name").asString()).isEqualTo("Budget export v3");
    assertThat(auditRows(account.id)).isEqualTo(3);
  }
}
