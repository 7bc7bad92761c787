package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class DatabaseUnavailableProblemsTest {

  private final ExceptionHandlerMethodResolver handlers =
      new ExceptionHandlerMethodResolver(DatabaseUnavailableProblems.class);

  @Test
  void aDatabaseThatCannotBeReachedIsA503ProblemWithRetryAfter() throws Exception {
    List<Exception> unreachable =
        List.of(
            new DataAccessResourceFailureException(
                "PreparedStatementCallback",
                new SQLException("FATAL: terminating connection", "57P01")),
            new CannotCreateTransactionException("no connection"),
            new QueryTimeoutException("timed out"),
            // A lock not granted within the connection's lock_timeout.
            new CannotAcquireLockException(
                "PreparedStatementCallback",
                new SQLException("canceling statement due to lock timeout", "55P03")),
            // As a framework wraps Spring's exception.
            new IllegalStateException(
                "command failed", new DataAccessResourceFailureException("connection refused")));
    for (Exception failure : unreachable) {
      Method handler = handlers.resolveMethodByThrowable(failure);
      assertThat(handler).as(failure.toString()).isNotNull();

      @SuppressWarnings("unchecked")
      ResponseEntity<ProblemDetail> answer =
          (ResponseEntity<ProblemDetail>)
              handler.invoke(new DatabaseUnavailableProblems(), failure);

      assertThat(answer.getStatusCode().value()).isEqualTo(503);
      assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
      assertThat(answer.getBody().getProperties()).containsEntry("code", "unavailable");
    }
  }

  /**
   * A driver's connection error under a framework's own exception is one too, for the service's
   * handler of that exception to ask; a SQL error of another kind (a duplicate key: a conflict the
   * service answers itself) is not, and the advice does not take it.
   */
  @Test
  void aDriversConnectionErrorIsToldFromAConflict() {
    assertThat(
            DatabaseUnavailableProblems.unreachable(
                new IllegalStateException(
                    "Error reading aggregate snapshot",
                    new SQLException("FATAL: terminating connection", "57P01"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableProblems.unreachable(
                new IllegalStateException(
                    "Failed to create a SQL statement",
                    new SQLException("Connection is closed", "08003"))))
        .isTrue();
    // A stalled database: a lock not granted in time, a statement cancelled at its time limit.
    assertThat(
            DatabaseUnavailableProblems.unreachable(
                new IllegalStateException(
                    "Failed to append events",
                    new SQLException("canceling statement due to lock timeout", "55P03"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableProblems.unreachable(
                new IllegalStateException(
                    "Failed to append events",
                    new SQLException("canceling statement due to statement timeout", "57014"))))
        .isTrue();
    // HikariCP's, which has no SQL state.
    assertThat(
            DatabaseUnavailableProblems.unreachable(
                new IllegalStateException(
                    "Failed to create a SQL statement", new SQLException("Connection is closed"))))
        .isTrue();
    Exception duplicate =
        new IllegalStateException("insert failed", new SQLException("duplicate key", "23505"));
    assertThat(DatabaseUnavailableProblems.unreachable(duplicate)).isFalse();
    assertThat(handlers.resolveMethodByThrowable(duplicate)).isNull();
    assertThat(handlers.resolveMethodByThrowable(new DataIntegrityViolationException("dup")))
        .isNull();
  }

  /**
   * A connection the database had ended when it was used, told from one it refuses or the pool's
   * wait running out (trying again at once finds the first on a fresh connection, and waits again
   * for the others).
   */
  @Test
  void aConnectionTheDatabaseEndedIsToldFromOneItRefuses() {
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new DataAccessResourceFailureException(
                    "PreparedStatementCallback",
                    new SQLException("FATAL: terminating connection", "57P01"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new IllegalStateException(
                    "read failed",
                    new SQLException(
                        "An I/O error occurred while sending to the backend", "08006"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new IllegalStateException("read failed", new SQLException("Connection is closed"))))
        .isTrue();
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new CannotCreateTransactionException(
                    "no connection",
                    new SQLTransientConnectionException(
                        "Connection is not available, request timed out after 3000ms"))))
        .isFalse();
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new IllegalStateException(
                    "connect failed", new SQLException("Connection refused", "08001"))))
        .isFalse();
    assertThat(
            DatabaseUnavailableProblems.connectionEnded(
                new IllegalStateException("insert failed", new SQLException("duplicate", "23505"))))
        .isFalse();
  }
}
