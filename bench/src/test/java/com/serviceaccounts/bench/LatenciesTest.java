package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesHoldThreeSignificantDigits() {
    Latencies latencies = new Latencies();
    for (int millis = 1; millis <= 100; millis++) {
      latencies.add(millis * 1_000_000L);
    }
    assertThat(latencies.millis(50)).isCloseTo(50.0, within(0.05));
    assertThat(latencies.millis(99)).isCloseTo(99.0, within(0.1));
    assertThat(latencies.millis(100)).isCloseTo(100.0, within(0.1));
    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.summary()).startsWith("p50 50.0 ms, p95 95.0 ms, p99 99.0 ms");
  }

  @Test
  void noSampleIsZero() {
    assertThat(new Latencies().millis(99)).isZero();
  }
}
