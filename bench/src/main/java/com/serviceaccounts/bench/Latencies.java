package com.serviceaccounts.bench;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds (HdrHistogram, three significant digits), and the summary every figure
 * of the benchmarks prints.
 */
final class Latencies {

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram micros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);

  void add(long nanos) {
    micros.recordValue(nanos / 1000);
  }

  long count() {
    return micros.getTotalCount();
  }

  /** The {@code percent} percentile in milliseconds; 0 when empty. */
  double millis(double percent) {
    return micros.getValueAtPercentile(percent) / 1000.0;
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        millis(50),
        millis(95),
        millis(99),
        micros.getMaxValue() / 1000.0,
        count());
  }
}
