package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.intake.Admissions.Admission;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A poll's events are admitted in passes, each holder's in its order; one its holder cannot take
 * holds back that holder's later events in the poll, and only those.
 */
class AdmissionsTest {

  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  @Test
  void eachHoldersEventsAreAppliedInTheirOrderWhateverTheirOrderInThePoll() {
    Holders holders = new Holders(Set.of());
    List<EventEnvelope> events = List.of(event(A, 2), event(B, 1), event(A, 1), event(A, 4));

    Admissions admissions = Admissions.inPasses(events, EventEnvelope::accountId, holders);

    assertThat(admissions.each())
        .containsExactly(Admission.NEXT, Admission.NEXT, Admission.NEXT, Admission.EARLY);
    assertThat(admissions.waiting()).hasMessage("waits for 3");
    assertThat(holders.applied).isEqualTo(Map.of(A, 2L, B, 1L));
  }

  @Test
  void anEventItsHolderCannotTakeHoldsBackThatHoldersLaterEventsInThePollOnly() {
    EventEnvelope refused = event(A, 1);
    Holders holders = new Holders(Set.of(refused.eventId()));
    List<EventEnvelope> events = List.of(refused, event(B, 1), event(A, 1), event(A, 2));

    Admissions admissions = Admissions.inPasses(events, EventEnvelope::accountId, holders);

    assertThat(admissions.each())
        .containsExactly(Admission.OUT_OF_STEP, Admission.NEXT, Admission.EARLY, Admission.EARLY);
    assertThat(admissions.outOfStep()).containsOnlyKeys(0);
    assertThat(admissions.outOfStep().get(0)).hasMessage("refused");
    assertThat(holders.applied).isEqualTo(Map.of(B, 1L));
  }

  @Test
  void anEventBeforeTheRefusedOneOfItsHolderIsStillApplied() {
    EventEnvelope refused = event(A, 2);
    Holders holders = new Holders(Set.of(refused.eventId()));
    List<EventEnvelope> events = List.of(event(A, 1), refused, event(A, 3));

    Admissions admissions = Admissions.inPasses(events, EventEnvelope::accountId, holders);

    assertThat(admissions.each())
        .containsExactly(Admission.NEXT, Admission.OUT_OF_STEP, Admission.EARLY);
    assertThat(holders.applied).isEqualTo(Map.of(A, 1L));
  }

  /** Accounts that take their next version, but for the events refused. */
  private static final class Holders implements Admissions.Admitter {

    private final Set<UUID> refused;
    private final Map<UUID, Long> applied = new HashMap<>();

    Holders(Set<UUID> refused) {
      this.refused = refused;
    }

    @Override
    public RuntimeException refusal(EventEnvelope event) {
      return refused.contains(event.eventId()) ? new IllegalStateException("refused") : null;
    }

    @Override
    public Admission apply(EventEnvelope event) {
      long reached = applied.getOrDefault(event.accountId(), 0L);
      if (event.version() <= reached) {
        return Admission.DUPLICATE;
      }
      if (event.version() != reached + 1) {
        return Admission.EARLY;
      }
      applied.put(event.accountId(), event.version());
      return Admission.NEXT;
    }

    @Override
    public RuntimeException gap(EventEnvelope event) {
      return new IllegalStateException(
          "waits for " + (applied.getOrDefault(event.accountId(), 0L) + 1));
    }
  }

  private static EventEnvelope event(UUID account, long version) {
    UUID company = UUID.nameUUIDFromBytes(account.toString().getBytes());
    ServiceAccountDeactivated payload = new ServiceAccountDeactivated(account, company);
    return new EventEnvelope(
        UUID.randomUUID(),
        EventType.of(payload),
        account,
        company,
        version,
        version,
        Instant.parse("2026-12-07T00:00:00Z"),
        "user:alice@acme.example",
        "user",
        "req-1",
        payload);
  }
}
