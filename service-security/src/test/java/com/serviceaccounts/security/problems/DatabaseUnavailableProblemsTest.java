package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
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
  void aDatabaseThatCannotBeReachedIsA503ProblemWithRetryAfterHoweverDeepItLies() throws Exception {
    List<Exception> unreachable =
        List.of(
            new DataAccessResourceFailureException(
                "PreparedStatementCallback",
                new SQLException("FATAL: terminating connection", "57P01")),
            new CannotCreateTransactionException("no connection"),
            new QueryTimeoutException("timed out"),
            // As a command framework wraps it.
            new IllegalStateException(
                "command failed", new DataAccessResourceFailureException("connection refused")));
    for (Exception failure : unreachable) {
      Method handler = handlers.resolveMethodByThrowable(failure);
      assertThat(handler).as(failure.toString()).isNotNull();

      Throwable handled = failure;
      while (!(handled instanceof DataAccessResourceFailureException)
          && !(handled instanceof QueryTimeoutException)
          && !(handled instanceof CannotCreateTransactionException)) {
        handled = handled.getCause();
      }
      @SuppressWarnings("unchecked")
      ResponseEntity<ProblemDetail> answer =
          (ResponseEntity<ProblemDetail>)
              handler.invoke(new DatabaseUnavailableProblems(), handled);

      assertThat(answer.getStatusCode().value()).isEqualTo(503);
      assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
      assertThat(answer.getBody().getProperties()).containsEntry("code", "unavailable");
    }
  }

  @Test
  void otherDatabaseFailuresAreNotTakenForIt() {
    assertThat(handlers.resolveMethodByThrowable(new DataIntegrityViolationException("dup")))
        .isNull();
    assertThat(handlers.resolveMethodByThrowable(new IllegalStateException("x"))).isNull();
  }
}
