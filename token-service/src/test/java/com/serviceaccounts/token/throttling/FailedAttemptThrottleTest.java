package com.serviceaccounts.token.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedAttemptThrottleTest {

  final MovableClock clock = new MovableClock();
  final FailedAttemptThrottle throttle =
      new FailedAttemptThrottle(
          new ThrottleProperties(3, Duration.ofMinutes(1), Duration.ofSeconds(30), 1000), clock);

  @Test
  void wrongSecretsWaitingForTheirVerdictHoldPlacesInTheCount() {
    Optional<FailedAttemptThrottle.Check> first = throttle.check("a");
    throttle.recordFailure("a");
    Optional<FailedAttemptThrottle.Check> second = throttle.check("a");
    assertThat(first).isPresent();
    assertThat(second).isPresent();

    assertThat(throttle.check("a")).isEmpty();
    assertThat(throttle.verdictsPending("a")).isTrue();
    assertThat(throttle.lockedOutFor("a")).isEmpty();
    assertThat(throttle.verdictsPending("b")).isFalse();

    first.get().close();
    assertThat(throttle.verdictsPending("a")).isFalse();
    Optional<FailedAttemptThrottle.Check> third = throttle.check("a");
    assertThat(third).isPresent();
    third.get().close();
    third.get().close();
    assertThat(throttle.check("a")).isPresent();
  }

  @Test
  void aWrongSecretFoundWrongCountsInPlaceOfItsPlace() {
    List<FailedAttemptThrottle.Check> checks =
        List.of(throttle.check("a").get(), throttle.check("a").get(), throttle.check("a").get());

    assertThat(checks.get(0).failed()).isEmpty();
    assertThat(checks.get(1).failed()).isEmpty();
    checks.forEach(FailedAttemptThrottle.Check::close);
    assertThat(throttle.verdictsPending("a")).isFalse();
    FailedAttemptThrottle.Check last = throttle.check("a").get();
    assertThat(throttle.check("a")).isEmpty();

    assertThat(last.failed()).contains(Duration.ofSeconds(30));
    last.close();
    assertThat(throttle.lockedOutFor("a")).contains(Duration.ofSeconds(30));
    assertThat(throttle.check("a")).isEmpty();
  }

  @Test
  void aSecretToldToComeBackHoldsItsPlaceUncountedForAsLongAsItWouldHaveWaited() {
    throttle.check("a").get().toldToComeBack(Duration.ofSeconds(2));
    assertThat(throttle.verdictsPending("a")).isFalse();
    throttle.check("a").get().toldToComeBack(Duration.ofSeconds(2));
    throttle.check("a").get().toldToComeBack(Duration.ofSeconds(2));

    assertThat(throttle.verdictsPending("a")).isTrue();
    assertThat(throttle.check("a")).isEmpty();
    assertThat(throttle.lockedOutFor("a")).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(throttle.verdictsPending("a")).isFalse();
    assertThat(throttle.recordFailure("a")).isEmpty();
  }

  @Test
  void aRightSecretKeepsThePlacesOfSecretsStillWaiting() {
    throttle.recordFailure("a");
    FailedAttemptThrottle.Check first = throttle.check("a").get();
    throttle.check("a").get().toldToComeBack(Duration.ofSeconds(2));

    throttle.recordSuccess("a");

    assertThat(throttle.check("a")).isPresent();
    assertThat(throttle.verdictsPending("a")).isTrue();
    first.close();
    assertThat(throttle.verdictsPending("a")).isFalse();
  }

  @Test
  void aSuccessWhileWrongSecretsWaitLeavesNoPlaceTaken() {
    FailedAttemptThrottle.Check waiting = throttle.check("a").get();
    throttle.recordSuccess("a");
    waiting.close();

    for (int i = 0; i < 3; i++) {
      assertThat(throttle.check("a")).isPresent();
    }
    assertThat(throttle.check("a")).isEmpty();
  }

  @Test
  void thePlacesOfWaitingSecretsOutlastTheWindowAndTheLockout() {
    FailedAttemptThrottle.Check waiting = throttle.check("a").get();
    clock.advance(Duration.ofMinutes(2));
    throttle.check("a").get();
    throttle.check("a").get();

    assertThat(throttle.check("a")).isEmpty();
    waiting.close();
    assertThat(throttle.check("a")).isPresent();
  }

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
