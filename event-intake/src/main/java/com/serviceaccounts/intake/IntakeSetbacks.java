package com.serviceaccounts.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a record last failed for a reason that passes by itself (the database away or busy, its
 * connection ended): while records are tried again, what they carry (a new account, a rotated
 * secret) is not here yet, though it was acknowledged. A service asks it before it answers that
 * something is unknown.
 */
public class IntakeSetbacks {

  private final Clock clock;
  private final AtomicReference<Instant> last = new AtomicReference<>();

  public IntakeSetbacks(Clock clock) {
    this.clock = clock;
  }

  /** A record failed now for a reason that passes. */
  public void passingFailure() {
    last.set(clock.instant());
  }

  /** Whether a record failed for a reason that passes within {@code period} before now. */
  public boolean within(Duration period) {
    Instant at = last.get();
    return at != null && !at.isBefore(clock.instant().minus(period));
  }
}
