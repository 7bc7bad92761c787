package com.serviceaccounts.security.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.resilience.annotation.EnableResilientMethods;

class ReadAgainOnAnEndedConnectionTest {

  /** HikariCP's pool size when the service sets none. */
  private static final int POOL_SIZE = 10;

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
      for (int i = 0; i < POOL_SIZE; i++) {
        reads.willAnswer(ended());
      }
      reads.willAnswer("row");

      assertThat(reads.read()).isEqualTo("row");
      assertThat(reads.calls()).isEqualTo(POOL_SIZE + 1);
    }
  }

  /** As many as the pool the service sets holds. */
  @Test
  void aReadIsReadAgainAsOftenAsThePoolSetHoldsConnections() {
    try (var context = new AnnotationConfigApplicationContext()) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "pool", Map.of("spring.datasource.hikari.maximum-pool-size", "3")));
      context.register(WithReads.class);
      context.refresh();
      Reads reads = context.getBean(Reads.class);
      RuntimeException last = ended();
      for (int i = 0; i < 3; i++) {
        reads.willAnswer(ended());
      }
      reads.willAnswer(last);
      reads.willAnswer("never read");

      assertThatThrownBy(reads::read).isSameAs(last);
      assertThat(reads.calls()).isEqualTo(4);
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
      for (int i = 0; i < POOL_SIZE; i++) {
        reads.willAnswer(ended());
      }
      reads.willAnswer(last);
      reads.willAnswer("never read");
      assertThatThrownBy(reads::read).isSameAs(last);
      assertThat(reads.calls()).isEqualTo(POOL_SIZE + 1);
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
