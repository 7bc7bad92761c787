package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRank() {
    Latencies latencies = new Latencies();
    for (int millis = 1; millis <= 100; millis++) {
      latencies.add(millis * 1_000_000L);
    }
    assertThat(latencies.millis(50)).isEqualTo(50.0);
    assertThat(latencies.millis(99)).isEqualTo(99.0);
    assertThat(latencies.millis(100)).isEqualTo(100.0);
    assertThat(latencies.count()).isEqualTo(100);
  }

  @Test
  void noSampleIsZero() {
    assertThat(new Latencies().millis(99)).isZero();
  }
}
