package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PssTest {

  /** {@code /proc/<pid>/smaps_rollup} of a JVM, as Linux 6 writes it. */
  static final String SMAPS_ROLLUP =
      """
      55d0c9a4b000-7ffd5b3f1000 ---p 00000000 00:00 0                          [rollup]
      Rss:              402312 kB
      Pss:              389517 kB
      Pss_Dirty:        371204 kB
      Pss_Anon:         370912 kB
      Pss_File:          18313 kB
      Pss_Shmem:           292 kB
      Shared_Clean:      14536 kB
      Shared_Dirty:          0 kB
      Private_Clean:     16564 kB
      Private_Dirty:    371212 kB
      Referenced:       402312 kB
      Anonymous:        370912 kB
      Swap:                  0 kB
      SwapPss:               0 kB
      """;

  @Test
  void readsThePssLineNotItsBreakdown() {
    assertThat(Pss.parseKib(SMAPS_ROLLUP)).contains(389517L);
  }

  @Test
  void noPssLineIsNoFigure() {
    assertThat(Pss.parseKib("Rss: 12 kB\n")).isEqualTo(Optional.empty());
  }

  @Test
  void thisJvmHasAPss() {
    assertThat(Pss.kib(ProcessHandle.current().pid()))
        .hasValueSatisfying(kib -> assertThat(kib).isPositive());
  }
}
