package com.serviceaccounts.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the intake is held up: a record lately failed for a reason that passes by itself (the
 * database away or busy, its connection ended), or a poll has been applied for longer than {@link
 * #HELD_UP} (waiting for a connection or a lock, before it fails). Meanwhile what records carry (a
 * new account, a rotated secret) is not here yet, though it was acknowledged. A service asks it
 * before it answers that something is unknown.
 */
public class IntakeSetbacks {

  /** How long applying one poll takes at most when nothing holds it up: tens of milliseconds. */
  public static final Duration HELD_UP = Duration.ofSeconds(1);

  private final InstantSource clock;
  private final AtomicReference<Instant> last = new AtomicReference<>();

  /** When each listener thread began applying the poll it is applying. */
  private final Map<Thread, Instant> applying = new ConcurrentHashMap<>();

  public IntakeSetbacks(InstantSource clock) {
    this.clock = clock;
  }

  /** A record failed now for a reason that passes. */
  public void passingFailure() {
    last.set(clock.instant());
  }

  /** This thread begins to apply a poll. */
  void applying() {
    applying.put(Thread.currentThread(), clock.instant());
  }

  /** This thread is done with its poll, applied or failed. */
  void applied() {
    applying.remove(Thread.currentThread());
  }

  /**
   * Whether a record failed for a reason that passes within {@code period} before now, or a poll
   * has been applied for longer than {@link #HELD_UP}.
   */
  public boolean within(Duration period) {
    Instant now = clock.instant();
    Instant at = last.get();
    if (at != null && !at.isBefore(now.minus(period))) {
      return true;
    }
    Instant heldUpSince = now.minus(HELD_UP);
    return applying.values().stream().anyMatch(since -> since.isBefore(heldUpSince));
  }
}
