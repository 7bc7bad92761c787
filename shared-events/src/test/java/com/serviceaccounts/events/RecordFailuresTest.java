package com.serviceaccounts.events;

import static com.serviceaccounts.events.RecordFailures.Kind.AWAITED;
import static com.serviceaccounts.events.RecordFailures.Kind.LASTING;
import static com.serviceaccounts.events.RecordFailures.Kind.PASSING;
import static com.serviceaccounts.events.RecordFailures.Kind.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordFailuresTest {

  static class WaitForIt extends RuntimeException {}

  private static RecordFailures.Kind kind(Throwable failure) {
    return RecordFailures.kind(failure, Set.of(WaitForIt.class));
  }

  private static RuntimeException wrapped(Throwable cause) {
    return new IllegalStateException("listener failed", new RuntimeException("dao", cause));
  }

  @Test
  void dataTheDatabaseRefusesAsSuchIsRefusedAtOnce() {
    assertThat(kind(wrapped(new SQLException("invalid byte sequence", "22021"))))
        .isEqualTo(REFUSED);
    assertThat(kind(wrapped(new SQLException("unsupported escape", "22P05")))).isEqualTo(REFUSED);
    assertThat(kind(wrapped(new SQLException("timestamp out of range", "22008"))))
        .isEqualTo(REFUSED);
    assertThat(kind(wrapped(new SQLException("index row too large", "54000")))).isEqualTo(REFUSED);
    BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
    batch.setNextException(new SQLException("invalid byte sequence", "22021"));
    assertThat(kind(wrapped(batch))).isEqualTo(REFUSED);
  }

  @Test
  void aViolatedConstraintLasts() {
    assertThat(kind(wrapped(new SQLException("duplicate key", "23505")))).isEqualTo(LASTING);
  }

  @Test
  void unknownFailuresLast() {
    assertThat(kind(new UnreadableEventException("unknown event type"))).isEqualTo(LASTING);
    assertThat(kind(new IllegalArgumentException("bad"))).isEqualTo(LASTING);
  }

  @Test
  void aDatabaseThatIsAwayOrBusyPasses() {
    assertThat(kind(wrapped(new SQLException("connection refused", "08001")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLException("could not serialize", "40001")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLException("deadlock detected", "40P01")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLException("shutting down", "57P01")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLException("lock not available", "55P03")))).isEqualTo(PASSING);
    // Not about the record: it would refuse every record alike.
    assertThat(kind(wrapped(new SQLException("permission denied", "42501")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLException("no such table", "42P01")))).isEqualTo(PASSING);
    assertThat(kind(wrapped(new SQLTransientConnectionException("pool timed out"))))
        .isEqualTo(PASSING);
    assertThat(kind(wrapped(new ConnectException("refused")))).isEqualTo(PASSING);
    // HikariCP's, for a connection the database ended: no SQL state. Taken for the record's own,
    // it had the record parked after three attempts, holding its company, after a mere outage.
    assertThat(kind(wrapped(new SQLException("Connection is closed")))).isEqualTo(PASSING);
    BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
    batch.setNextException(new SQLException("deadlock detected", "40P01"));
    assertThat(kind(wrapped(batch))).isEqualTo(PASSING);
  }

  @Test
  void theCallersOwnWaitingIsAwaited() {
    assertThat(kind(wrapped(new WaitForIt()))).isEqualTo(AWAITED);
    assertThat(RecordFailures.kind(wrapped(new WaitForIt()), Set.of())).isEqualTo(LASTING);
  }
}
