package com.serviceaccounts.query.intake;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the projection rebuild is.
 *
 * @param state {@code NEVER_RUN}, {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param phase {@code COPYING} (catching up while the live feed runs) or {@code SWITCHING} (live
 *     feed paused, last events, switch-over); {@code null} when not running
 * @param eventsApplied events applied to the copies so far
 * @param lastGlobalIndex the event store position reached
 * @param eventStoreHead the event store's newest position when last looked at
 * @param eventsPerSecond events applied per second since the start
 */
public record RebuildStatus(
    String state,
    String phase,
    Instant startedAt,
    Instant finishedAt,
    long eventsApplied,
    long lastGlobalIndex,
    long eventStoreHead,
    double eventsPerSecond,
    String error) {

  static RebuildStatus never() {
    return new RebuildStatus("NEVER_RUN", null, null, null, 0, 0, 0, 0, null);
  }

  static RebuildStatus started(Instant at) {
    return new RebuildStatus("RUNNING", "COPYING", at, null, 0, 0, 0, 0, null);
  }

  boolean running() {
    return state.equals("RUNNING");
  }

  RebuildStatus progress(String newPhase, long applied, long lastIndex, long head) {
    return new RebuildStatus(
        state,
        newPhase,
        startedAt,
        null,
        applied,
        lastIndex,
        head,
        rate(applied, Instant.now()),
        null);
  }

  RebuildStatus done(Instant at) {
    return ended("DONE", at, null);
  }

  RebuildStatus failed(Instant at, String reason) {
    return ended("FAILED", at, reason);
  }

  private RebuildStatus ended(String endState, Instant at, String reason) {
    return new RebuildStatus(
        endState,
        null,
        startedAt,
        at,
        eventsApplied,
        lastGlobalIndex,
        eventStoreHead,
        rate(eventsApplied, at),
        reason);
  }

  private double rate(long applied, Instant at) {
    long millis = Math.max(1, Duration.between(startedAt, at).toMillis());
    return applied * 1000.0 / millis;
  }
}
