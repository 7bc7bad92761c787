package com.serviceaccounts.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in microseconds, and their percentiles (nearest rank). */
final class Latencies {

  private final List<Long> micros = new ArrayList<>();

  synchronized void add(long nanos) {
    micros.add(nanos / 1000);
  }

  synchronized void addAll(Latencies other) {
    micros.addAll(other.snapshot());
  }

  synchronized int count() {
    return micros.size();
  }

  /** The {@code percent} percentile in milliseconds; 0 when empty. */
  double millis(double percent) {
    List<Long> sorted = snapshot();
    if (sorted.isEmpty()) {
      return 0;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1) / 1000.0;
  }

  String summary() {
    return String.format(
        "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        millis(50), millis(95), millis(99), millis(100), count());
  }

  private synchronized List<Long> snapshot() {
    return new ArrayList<>(micros);
  }
}
