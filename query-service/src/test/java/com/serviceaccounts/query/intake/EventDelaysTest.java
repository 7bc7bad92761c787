package com.serviceaccounts.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An applied event's delays are reported after its poll is committed: an event of centuries ago
 * (readable: its time lies in the years 1 to 9999) is beyond what a timer counts in nanoseconds,
 * and reporting it must neither fail nor tell the timer a false delay.
 */
class EventDelaysTest {

  private final Timer timer = Timer.builder("delay").register(new SimpleMeterRegistry());

  @Test
  void aDelayOfCenturiesIsNotReportedAndFailsNothing() {
    Instant now = Instant.parse("2026-12-06T15:00:00Z");
    ServiceAccountEventListener.recordDelay(timer, Instant.parse("0001-01-01T00:00:00Z"), now);
    ServiceAccountEventListener.recordDelay(timer, now.plusSeconds(5), now);
    assertThat(timer.count()).isZero();

    ServiceAccountEventListener.recordDelay(timer, now.minus(Duration.ofMillis(40)), now);
    assertThat(timer.count()).isOne();
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
  }
}
