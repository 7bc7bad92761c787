package com.serviceaccounts.query;

import com.serviceaccounts.testsupport.HostileRecords;
import com.serviceaccounts.testsupport.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile records on the event topic, each an account's creation as the command side
 * writes it with one thing broken ({@link HostileRecords}), and the account's next event after it.
 * Whatever the record holds, the consumer keeps moving (another company's account behind them on
 * the same partition is projected), and the account's two events are either both applied or both
 * parked, the second behind the first: nothing of a parked one is in the listing or the audit
 * trail.
 */
class HostileRecordsIT extends QueryServiceIntegrationTest {

  private static final int PARTITION = 2;
  private static final int RECORDS = 40;

  @Test
  void theConsumerMovesOnAfterEveryHostileRecordAndItsAccountIsAppliedOrParkedWhole()
      throws Exception {
    HostileRecords.tryEach(
        RECORDS,
        port,
        TOPIC,
        PARTITION,
        (breakage, hostile, behind) -> {
          feed.publish(hostile.renamed("account " + hostile.id, "Renamed"), PARTITION);
          feed.publish(behind.created("Behind"), PARTITION);

          eventually()
              .alias("the consumer moving on after a record with " + breakage)
              .until(() -> api.account(behind.companyId, behind.id).status() == 200);
          // A record whose predecessor never comes is parked once the gap wait is over.
          eventually()
              .alias("the account of a record with " + breakage + " applied or parked whole")
              .until(() -> appliedOrParkedWhole(hostile));
          return parked(hostile);
        });
  }

  private boolean appliedOrParkedWhole(TestAccount hostile) {
    List<Long> parked = parked(hostile);
    boolean applied =
        parked.isEmpty()
            && api.account(hostile.companyId, hostile.id).json().path("version").asLong() == 2;
    boolean held = parked.size() == 2 && listingRows(hostile.id) == 0 && auditRows(hostile.id) == 0;
    return applied || held;
  }

  private List<Long> parked(TestAccount account) {
    return jdbc.sql("SELECT id FROM parked_record WHERE company_id = ? AND state = 'PARKED'")
        .param(account.companyId)
        .query(Long.class)
        .list();
  }
}
