package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.resilience.annotation.EnableResilientMethods;

class ReadAgainOnAnEndedConnectionTest {

  /** Gives what it is told to, one answer a call: a failure is thrown. */
  static class Reads {
    private final Deque<Object> answers = new ArrayDeque<>();
    private int calls;

    void willAnswer(Object answer) {
      answers.add(answer);
    }

    void forgetAnswers() {
      answers.clear();
    }

    /** The calls since the last time asked. */
    int calls() {
      int made = calls;
      calls = 0;
      return made;
    }

    @ReadAgainOnAnEndedConnection
    String read() {
      calls++;
      Object answer = answers.removeFirst();
      if (answer instanceof RuntimeException failure) {
        throw failure;
      }
      return (String) answer;
    }
  }

  @Configuration
  @EnableResilientMethods
  static class WithReads {
    @Bean
    Reads reads() {
      return new Reads();
    }
  }

  private static RuntimeException ended() {
    return new DataAccessResourceFailureException(
        "PreparedStatementCallback", new SQLException("FATAL: terminating connection", "57P01"));
  }

  /** Each ended connection of the pool it meets, until a fresh one. */
  @Test
  void aReadOnConnectionsTheDatabaseEndedIsReadAgainUntilAFreshOne() {
    try (var context = new AnnotationConfigApplicationContext(WithReads.class)) {
      Reads reads = context.getBean(Reads.class);
      for (int i = 0; i < ReadAgainOnAnEndedConnection.POOL_SIZE; i++) {
        reads.willAnswer(ended());
      }
      reads.willAnswer("row");

      assertThat(reads.read()).isEqualTo("row");
      assertThat(reads.calls()).isEqualTo(ReadAgainOnAnEndedConnection.POOL_SIZE + 1);
    }
  }

  /**
   * No more than the pool holds: a database that ends the fresh connections too is away; and a
   * connection the pool could not give within its wait, or a failure of another kind, is not tried
   * again.
   */
  @Test
  void aReadStillFailingIsNotReadAgainAndAgain() {
    try (var context = new AnnotationConfigApplicationContext(WithReads.class)) {
      Reads reads = context.getBean(Reads.class);
      RuntimeException last = ended();
      for (int i = 0; i < ReadAgainOnAnEndedConnection.POOL_SIZE; i++) {
        reads.willAnswer(ended());
      }
      reads.willAnswer(last);
      reads.willAnswer("never read");
      assertThatThrownBy(reads::read).isSameAs(last);
      assertThat(reads.calls()).isEqualTo(ReadAgainOnAnEndedConnection.POOL_SIZE + 1);
      reads.forgetAnswers();

      RuntimeException noConnection =
          new CannotGetJdbcConnectionException(
              "Failed to obtain JDBC Connection",
              new SQLTransientConnectionException(
                  "Connection is not available, request timed out after 3000ms"));
      reads.willAnswer(noConnection);
      assertThatThrownBy(reads::read).isSameAs(noConnection);
      assertThat(reads.calls()).isEqualTo(1);

      IllegalStateException bug = new IllegalStateException("a bug");
      reads.willAnswer(bug);
      assertThatThrownBy(reads::read).isSameAs(bug);
      assertThat(reads.calls()).isEqualTo(1);
    }
  }
}
