package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.testsupport.TestAccount;
import org.junit.jupiter.api.Test;

/**
 * Delivery is at least once, so the same record may come again, and a stale one may follow a newer
 * one: neither changes anything. Each test ends with a fresh event on the same key (so the same
 * partition): once that one shows, every record before it has been handled.
 */
class RedeliveryIT extends QueryServiceIntegrationTest {

  @Test
  void theSameRecordDeliveredTwiceMakesOneRowAndOneAuditEntryPerEvent() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Payroll export");
    EventEnvelope renamed = account.renamed("Payroll export", "Payroll");
    EventEnvelope last = account.renamed("Payroll", "Payroll (nightly)");

    feed.publish(created);
    feed.publish(created);
    feed.publish(renamed);
    feed.publish(renamed);
    feed.publish(last);

    awaitAccountAtVersion(account, 3);
    assertThat(listingRows(account.id)).isEqualTo(1);
    assertThat(auditRows(account.id)).isEqualTo(3);
    assertThat(api.audit(account.companyId, account.id).json().get("items"))
        .extracting(item -> item.get("version").asLong())
        .containsExactly(3L, 2L, 1L);
  }

  @Test
  void anOlderVersionAfterANewerOneChangesNothing() {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("Timecard import");
    EventEnvelope renamed = account.renamed("Timecard import", "Timecards");
    EventEnvelope renamedAgain = account.renamed("Timecards", "Timecards v2");
    EventEnvelope last = account.renamed("Timecards v2", "Timecards v3");

    feed.publish(created);
    feed.publish(renamed);
    feed.publish(renamedAgain);
    feed.publish(renamed);
    feed.publish(created);
    feed.publish(last);

    var view = awaitAccountAtVersion(account, 4).json();
    assertThat(view.get("name").asString()).isEqualTo("Timecards v3");
    assertThat(listingRows(account.id)).isEqualTo(1);
    assertThat(auditRows(account.id)).isEqualTo(4);
  }
}
