package com.serviceaccounts.query.intake;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes readers waiting for the projections to move on: {@link #advanced()} is called after each
 * committed event, and {@link #awaitAdvance} returns at the next one or after the timeout,
 * whichever comes first. Another instance's commits do not wake this one; readers therefore also
 * look again on a short timeout.
 */
@Component
public class ProjectionProgress {

  private final Object monitor = new Object();
  private long advances;

  void advanced() {
    synchronized (monitor) {
      advances++;
      monitor.notifyAll();
    }
  }

  /** Waits until the next event is committed, at most {@code timeout}. */
  public void awaitAdvance(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      long seen = advances;
      long left;
      while (advances == seen && (left = deadline - System.nanoTime()) > 0) {
        monitor.wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
