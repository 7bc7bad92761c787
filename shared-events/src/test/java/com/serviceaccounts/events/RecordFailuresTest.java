package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordFailuresTest {

  static class WaitForIt extends RuntimeException {}

  private static boolean isTransient(Throwable failure) {
    return RecordFailures.isTransient(failure, Set.of(WaitForIt.class));
  }

  private static RuntimeException wrapped(Throwable cause) {
    return new IllegalStateException("listener failed", new RuntimeException("dao", cause));
  }

  @Test
  void dataTheDatabaseRefusesLasts() {
    assertThat(isTransient(wrapped(new SQLException("invalid byte sequence", "22021")))).isFalse();
    assertThat(isTransient(wrapped(new SQLException("unsupported escape", "22P05")))).isFalse();
    assertThat(isTransient(wrapped(new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(isTransient(wrapped(new SQLException("index row too large", "54000")))).isFalse();
    BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
    batch.setNextException(new SQLException("invalid byte sequence", "22021"));
    assertThat(isTransient(wrapped(batch))).isFalse();
  }

  @Test
  void unknownFailuresLast() {
    assertThat(isTransient(new UnreadableEventException("unknown event type"))).isFalse();
    assertThat(isTransient(new IllegalArgumentException("bad"))).isFalse();
  }

  @Test
  void aDatabaseThatIsAwayOrBusyPasses() {
    assertThat(isTransient(wrapped(new SQLException("connection refused", "08001")))).isTrue();
    assertThat(isTransient(wrapped(new SQLException("could not serialize", "40001")))).isTrue();
    assertThat(isTransient(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
    assertThat(isTransient(wrapped(new SQLException("shutting down", "57P01")))).isTrue();
    assertThat(isTransient(wrapped(new SQLException("lock not available", "55P03")))).isTrue();
    // Not about the record: it would refuse every record alike.
    assertThat(isTransient(wrapped(new SQLException("permission denied", "42501")))).isTrue();
    assertThat(isTransient(wrapped(new SQLException("no such table", "42P01")))).isTrue();
    assertThat(isTransient(wrapped(new SQLTransientConnectionException("pool timed out"))))
        .isTrue();
    assertThat(isTransient(wrapped(new ConnectException("refused")))).isTrue();
    BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
    batch.setNextException(new SQLException("deadlock detected", "40P01"));
    assertThat(isTransient(wrapped(batch))).isTrue();
  }

  @Test
  void theCallersOwnWaitingPasses() {
    assertThat(isTransient(wrapped(new WaitForIt()))).isTrue();
    assertThat(RecordFailures.isTransient(wrapped(new WaitForIt()), Set.of())).isFalse();
  }
}
