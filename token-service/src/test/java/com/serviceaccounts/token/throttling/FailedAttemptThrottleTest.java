package com.serviceaccounts.token.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedAttemptThrottleTest {

  final MovableClock clock = new MovableClock();
  final FailedAttemptThrottle throttle =
      new FailedAttemptThrottle(
          new ThrottleProperties(3, Duration.ofMinutes(1), Duration.ofSeconds(30), 1000), clock);

  @Test
  void theMaxFailuresWithinTheWindowLockTheClientIdOutForTheLockout() {
    assertThat(throttle.recordFailure("a")).isEmpty();
    assertThat(throttle.recordFailure("a")).isEmpty();
    assertThat(throttle.recordFailure("a")).contains(Duration.ofSeconds(30));

    clock.advance(Duration.ofSeconds(10));
    assertThat(throttle.lockedOutFor("a")).contains(Duration.ofSeconds(20));
    assertThat(throttle.lockedOutFor("b")).isEmpty();

    clock.advance(Duration.ofSeconds(20));
    assertThat(throttle.lockedOutFor("a")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    throttle.recordFailure("a");
    throttle.recordFailure("a");
    clock.advance(Duration.ofMinutes(1));

    assertThat(throttle.recordFailure("a")).isEmpty();
    assertThat(throttle.recordFailure("a")).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() {
    throttle.recordFailure("a");
    throttle.recordFailure("a");
    throttle.recordSuccess("a");

    assertThat(throttle.recordFailure("a")).isEmpty();
  }

  @Test
  void afterALockoutTheCountStartsAgain() {
    throttle.recordFailure("a");
    throttle.recordFailure("a");
    throttle.recordFailure("a");
    clock.advance(Duration.ofSeconds(30));

    assertThat(throttle.recordFailure("a")).isEmpty();
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
