package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class GapWaitsTest {

  @Test
  void aRecordsWaitRunsFromWhenItWasFirstSeenUntilItIsDone() {
    GapWaits none = new GapWaits(Duration.ZERO);
    ConsumerRecord<String, String> record = record(0, 7);
    assertThat(none.over(record)).as("first seen now").isFalse();
    assertThat(none.over(record)).isTrue();
    assertThat(none.over(record(1, 7))).as("another partition's").isFalse();
    none.done(record);
    assertThat(none.over(record)).as("seen again after it was done").isFalse();

    GapWaits hour = new GapWaits(Duration.ofHours(1));
    hour.over(record);
    assertThat(hour.over(record)).isFalse();
  }

  @Test
  void theOldestAreForgottenBeyondTheBound() {
    GapWaits waits = new GapWaits(Duration.ZERO);
    for (int offset = 0; offset <= GapWaits.MAX_WAITING; offset++) {
      waits.over(record(0, offset));
    }
    assertThat(waits.over(record(0, 0))).as("forgotten: its wait starts again").isFalse();
    assertThat(waits.over(record(0, GapWaits.MAX_WAITING))).isTrue();
  }

  private static ConsumerRecord<String, String> record(int partition, long offset) {
    return new ConsumerRecord<>("events", partition, offset, "key", "value");
  }
}
