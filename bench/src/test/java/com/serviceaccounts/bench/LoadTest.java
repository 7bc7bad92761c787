package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LoadTest {

  /**
   * One client at 20 operations/s whose first operation is held up through the whole 300 ms
   * warm-up. The measured 500 ms have room for 10 turns, and one more at the edge; a client making
   * up the six turns it missed would run 15 or 16. A slow machine only lowers the count.
   */
  @Test
  void aClientHeldUpInTheWarmUpDoesNotMakeUpItsMissedTurns() throws Exception {
    AtomicBoolean first = new AtomicBoolean(true);
    Load load =
        Load.run(
            1,
            Duration.ofMillis(300),
            Duration.ofMillis(500),
            20,
            Map::of,
            () ->
                measured -> {
                  if (first.getAndSet(false)) {
                    Thread.sleep(300);
                  }
                  return true;
                });

    assertThat(load.latencies.count()).isBetween(1L, 11L);
  }

  /**
   * A client whose setup takes longer than the warm-up and the measured part together: it is set up
   * before the clock starts, so its operations are still measured.
   */
  @Test
  void aClientsSetupIsDoneBeforeTheWarmUpStarts() throws Exception {
    Load load =
        Load.run(
            1,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            0,
            Map::of,
            () -> {
              Thread.sleep(2500);
              return measured -> true;
            });

    assertThat(load.latencies.count()).isPositive();
  }
}
