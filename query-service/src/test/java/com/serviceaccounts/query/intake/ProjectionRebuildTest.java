package com.serviceaccounts.query.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How far the rebuild reads into a page of the event store that has holes in its numbering. */
class ProjectionRebuildTest {

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Instant RECENT = NOW.minusSeconds(1);
  private static final Instant SETTLED =
      NOW.minus(ProjectionRebuild.HOLE_PATIENCE).minus(Duration.ofMillis(1));

  @Test
  void aPageWithoutHolesIsTakenWhole() {
    List<EventStoreReader.Stored> page = List.of(stored(11, RECENT), stored(12, RECENT));

    assertThat(ProjectionRebuild.beforeOpenHole(page, 10, NOW)).isEqualTo(page);
  }

  @Test
  void eventsAfterARecentHoleWaitForIt() {
    List<EventStoreReader.Stored> page =
        List.of(stored(11, RECENT), stored(12, RECENT), stored(14, RECENT), stored(15, RECENT));

    assertThat(ProjectionRebuild.beforeOpenHole(page, 10, NOW))
        .extracting(EventStoreReader.Stored::globalIndex)
        .containsExactly(11L, 12L);
  }

  @Test
  void aRecentHoleRightAfterTheLastEventAppliedHoldsBackTheWholePage() {
    List<EventStoreReader.Stored> page = List.of(stored(12, RECENT), stored(13, RECENT));

    assertThat(ProjectionRebuild.beforeOpenHole(page, 10, NOW)).isEmpty();
  }

  @Test
  void aHoleBeforeAnEventStoredLongAgoIsForGood() {
    List<EventStoreReader.Stored> page =
        List.of(stored(11, SETTLED), stored(13, SETTLED), stored(14, RECENT), stored(16, RECENT));

    assertThat(ProjectionRebuild.beforeOpenHole(page, 10, NOW))
        .extracting(EventStoreReader.Stored::globalIndex)
        .containsExactly(11L, 13L, 14L);
  }

  private static EventStoreReader.Stored stored(long globalIndex, Instant storedAt) {
    UUID account = UUID.randomUUID();
    UUID company = UUID.randomUUID();
    return new EventStoreReader.Stored(
        globalIndex,
        new EventEnvelope(
            UUID.randomUUID(),
            EventType.of(new ServiceAccountDeactivated(account, company)),
            account,
            company,
            2,
            globalIndex,
            storedAt,
            "alice@acme.example",
            "user",
            "req-1",
            new ServiceAccountDeactivated(account, company)));
  }
}
