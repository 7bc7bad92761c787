package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {

  /** Two thousand draws from the operating system's ports would repeat some (birthday bound). */
  @Test
  void anyFreeNeverHandsOutAPortTwice() {
    Set<Integer> ports = new HashSet<>();
    IntStream.range(0, 2_000).forEach(draw -> assertThat(ports.add(Ports.anyFree())).isTrue());
  }

  @Test
  void firstFreeFromSkipsAPortInUse() throws Exception {
    int port = Ports.anyFree();
    try (ServerSocket listener = new ServerSocket(port)) {
      assertThat(Ports.isFree(port)).isFalse();
      assertThat(Ports.firstFreeFrom(port)).isGreaterThan(port);
    }
  }
}
