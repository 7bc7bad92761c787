package com.serviceaccounts.token;

import com.serviceaccounts.testsupport.HostileRecords;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile records on the event topic, each an account's creation as the command side
 * writes it with one thing broken ({@link HostileRecords}), and the account's next event after it.
 * Whatever the record holds, the consumer keeps moving (another account's creation behind them on
 * the same partition gets its token), and the account's two events are either both applied or both
 * parked, the second behind the first.
 */
class HostileRecordsIT extends TokenServiceIntegrationTest {

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
          feed.publish(PARTITION, hostile.secretRotated(Duration.ZERO));
          feed.publish(PARTITION, behind.created());

          eventually()
              .alias("the consumer moving on after a record with " + breakage)
              .until(
                  () -> api.tokenWithBasic(behind.clientId, behind.secret()),
                  r -> r.status() == 200);
          // A record whose predecessor never comes is parked once the gap wait is over.
          eventually()
              .alias("the account of a record with " + breakage + " applied or parked whole")
              .until(
                  () ->
                      version(hostile) == 2 && parked(hostile).isEmpty()
                          || version(hostile) == 0 && parked(hostile).size() == 2);
          return parked(hostile);
        });
  }

  private List<Long> parked(TestAccount account) {
    // A record that does not name its account is parked under its company.
    return jdbc.sql(
            "SELECT id FROM parked_event WHERE (account_id = ? OR company_id = ?) AND state = 'PARKED'")
        .params(account.id, account.companyId)
        .query(Long.class)
        .list();
  }
}
