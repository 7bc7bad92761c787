package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EventDelayMetricsIT extends QueryServiceIntegrationTest {

  @Autowired MeterRegistry meters;

  @Test
  void eachAppliedEventIsTimedFromWhenItWasStoredToItsRecordAndToBeingVisible() {
    Timer published = delay("published");
    Timer visible = delay("visible");
    long publishedBefore = published.count();
    long visibleBefore = visible.count();
    double visibleSecondsBefore = visible.totalTime(TimeUnit.SECONDS);

    // Stored a minute ago, sent now: both delays are at least the minute.
    TestAccount account = TestAccount.inANewCompany().at(TestAccount.now().minusSeconds(60));
    feed.publish(account.created("Delayed"));
    awaitAccountAtVersion(account, 1);

    assertThat(published.count() - publishedBefore).isPositive();
    assertThat(visible.count() - visibleBefore).isPositive();
    assertThat(visible.totalTime(TimeUnit.SECONDS) - visibleSecondsBefore)
        .isGreaterThanOrEqualTo(Duration.ofSeconds(60).toSeconds());
    assertThat(published.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(60);
  }

  private Timer delay(String until) {
    return meters
        .get("service_accounts.events.delay")
        .tag("since", "stored")
        .tag("until", until)
        .timer();
  }
}
