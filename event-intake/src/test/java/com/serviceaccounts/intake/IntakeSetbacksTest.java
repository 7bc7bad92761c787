package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntakeSetbacksTest {

  private static final Duration LATELY = Duration.ofSeconds(10);

  private Instant now = Instant.parse("2026-12-07T12:00:00Z");

  private final IntakeSetbacks setbacks = new IntakeSetbacks(() -> now);

  @Test
  void aPassingFailureCountsForThePeriodAfterIt() {
    assertThat(setbacks.within(LATELY)).isFalse();
    setbacks.passingFailure();
    now = now.plusSeconds(10);
    assertThat(setbacks.within(LATELY)).isTrue();
    now = now.plusMillis(1);
    assertThat(setbacks.within(LATELY)).isFalse();
  }

  /**
   * A poll held up (waiting for a connection or a lock) counts before it fails: a record it holds
   * may carry what a client asks for.
   */
  @Test
  void aPollAppliedForLongerThanASecondCountsUntilItIsDone() {
    setbacks.applying();
    now = now.plus(IntakeSetbacks.HELD_UP);
    assertThat(setbacks.within(LATELY)).as("as long as a poll may take").isFalse();
    now = now.plusMillis(1);
    assertThat(setbacks.within(LATELY)).isTrue();
    setbacks.applied();
    assertThat(setbacks.within(LATELY)).isFalse();
  }
}
