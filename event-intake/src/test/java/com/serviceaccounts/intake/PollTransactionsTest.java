package com.serviceaccounts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.serviceaccounts.intake.Admissions.Admission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * A poll is one transaction while the database takes it; when it refuses it, the events are tried
 * one at a time up to the refused one, which is named to the error handler, or up to the first that
 * waits.
 */
class PollTransactionsTest {

  private static final int NONE = -1;

  @Test
  void aPollTheDatabaseTakesIsOneTransaction() {
    Database database = new Database(NONE, NONE);

    Admissions admissions = PollTransactions.apply(5, Admissions.NONE, database::apply);

    assertThat(admissions.firstWaiting()).isEqualTo(5);
    assertThat(admissions.waiting()).isNull();
    assertThat(database.transactions).containsExactly("[0, 5) committed");
  }

  @Test
  void anEmptyPollHasNoTransaction() {
    Database database = new Database(NONE, NONE);

    assertThat(PollTransactions.apply(0, Admissions.NONE, database::apply))
        .isSameAs(Admissions.NONE);
    assertThat(database.transactions).isEmpty();
  }

  @Test
  void theRefusedEventIsNamedAfterThoseBeforeItAreCommitted() {
    Database database = new Database(3, NONE);

    BatchListenerFailedException failed =
        catchThrowableOfType(
            BatchListenerFailedException.class,
            () -> PollTransactions.apply(5, Admissions.NONE, database::apply));

    assertThat(failed.getIndex()).isEqualTo(3);
    assertThat(failed).hasRootCauseMessage("event 3 refused");
    assertThat(database.transactions)
        .containsExactly(
            "[0, 5) rolled back",
            "[0, 1) committed",
            "[1, 2) committed",
            "[2, 3) committed",
            "[3, 4) rolled back");
  }

  @Test
  void aSingleRefusedEventIsNamedWithoutTryingItAgain() {
    Database database = new Database(0, NONE);

    BatchListenerFailedException failed =
        catchThrowableOfType(
            BatchListenerFailedException.class,
            () -> PollTransactions.apply(1, Admissions.NONE, database::apply));

    assertThat(failed.getIndex()).isZero();
    assertThat(database.transactions).containsExactly("[0, 1) rolled back");
  }

  @Test
  void oneAtATimeStopsAtTheFirstEventThatWaits() {
    Database database = new Database(4, 2);

    Admissions admissions = PollTransactions.apply(5, Admissions.NONE, database::apply);

    assertThat(admissions.each()).containsExactly(Admission.NEXT, Admission.NEXT, Admission.EARLY);
    assertThat(admissions.firstWaiting()).isEqualTo(2);
    assertThat(admissions.waiting()).hasMessage("event 2 waits");
    assertThat(database.transactions)
        .containsExactly(
            "[0, 5) rolled back", "[0, 1) committed", "[1, 2) committed", "[2, 3) committed");
  }

  /**
   * Refuses a transaction that holds the event {@code refused} (as a constraint checked when the
   * rows are written); an event {@code waits} has to wait, and so do those after it in its part.
   */
  private static final class Database {

    private final int refused;
    private final int waits;
    private final List<String> transactions = new ArrayList<>();

    private Database(int refused, int waits) {
      this.refused = refused;
      this.waits = waits;
    }

    private Admissions apply(int from, int to) {
      String part = "[%d, %d)".formatted(from, to);
      if (refused >= from && refused < to) {
        transactions.add(part + " rolled back");
        throw new IllegalStateException("event " + refused + " refused");
      }
      transactions.add(part + " committed");
      Admission[] admissions = new Admission[to - from];
      Arrays.fill(admissions, Admission.NEXT);
      if (waits >= from && waits < to) {
        Arrays.fill(admissions, waits - from, to - from, Admission.EARLY);
        return Admissions.of(admissions, new IllegalStateException("event " + waits + " waits"));
      }
      return Admissions.of(admissions, null);
    }
  }
}
