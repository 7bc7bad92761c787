package com.serviceaccounts.command.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How far a page of the event stream reaches into an event store with holes in its numbering. */
class EventStreamHolesTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Instant RECENT = NOW.minusSeconds(1);
  private static final Instant SETTLED =
      NOW.minus(EventStreamController.HOLE_PATIENCE).minus(Duration.ofMillis(1));

  @Test
  void aPageWithoutHolesIsTakenWhole() {
    List<EventStreamController.Row> page = List.of(row(11, RECENT), row(12, RECENT));

    assertThat(EventStreamController.beforeOpenHole(page, 10, NOW)).isEqualTo(page);
  }

  @Test
  void eventsAfterARecentHoleWaitForIt() {
    assertThat(takenAfter10(row(11, RECENT), row(12, RECENT), row(14, RECENT), row(15, RECENT)))
        .containsExactly(11L, 12L);
  }

  @Test
  void aRecentHoleRightAfterThePositionAskedForHoldsBackTheWholePage() {
    assertThat(takenAfter10(row(12, RECENT), row(13, RECENT))).isEmpty();
  }

  @Test
  void aHoleBeforeAnEventStoredLongAgoIsForGood() {
    assertThat(takenAfter10(row(11, SETTLED), row(13, SETTLED), row(14, RECENT), row(16, RECENT)))
        .containsExactly(11L, 13L, 14L);
  }

  /** The positions of {@code page}, read after position 10, that a page answer may hold now. */
  private static List<Long> takenAfter10(EventStreamController.Row... page) {
    return EventStreamController.beforeOpenHole(List.of(page), 10, NOW).stream()
        .map(EventStreamController.Row::position)
        .toList();
  }

  private static EventStreamController.Row row(long position, Instant storedAt) {
    return new EventStreamController.Row(position, storedAt, null);
  }
}
