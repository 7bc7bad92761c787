package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The bounds every service puts on its pool's statements (a lock waited for at most 2 s, a
 * statement run at most 5 s, an answer waited for at most 10 s, a transaction left idle at most a
 * minute: its {@code application.yml}), and the migrations' connection, which has none: the check
 * each service runs against the connections it really opens.
 */
public final class StatementBounds {

  private StatementBounds() {}

  /**
   * Asserts that the pool's connections have the bounds and the migrations' connection (Flyway's
   * own) has none.
   */
  public static void assertPoolBoundedAndMigrationsNot(DataSource pool, DataSource migrations)
      throws SQLException {
    assertThat(settings(pool))
        .as("lock_timeout, statement_timeout, idle_in_transaction_session_timeout")
        .containsExactly("2s", "5s", "1min");
    assertThat(settings(migrations))
        .as("the migrations' lock_timeout, statement_timeout, idle_in_transaction_session_timeout")
        .containsExactly("0", "0", "0");
    try (Connection pooled = pool.getConnection();
        Connection migrating = migrations.getConnection()) {
      assertThat(pooled.getNetworkTimeout())
          .as("the pool's wait for an answer, ms")
          .isEqualTo(10_000);
      assertThat(migrating.getNetworkTimeout()).as("the migrations' wait, ms").isZero();
    }
  }

  /**
   * Asserts that a pool's connection whose server stays silent (here a statement that sleeps with
   * the statement bound lifted, as a hung server or a lost network would) gives up after the
   * driver's 10 s as a connection failure (SQL state 08006, which the services answer with a 503),
   * instead of holding its thread for as long as the silence lasts.
   */
  public static void assertPoolGivesUpOnASilentServer(DataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL statement_timeout = 0");
        assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(60)"))
            .isInstanceOfSatisfying(
                SQLException.class, failed -> assertThat(failed.getSQLState()).isEqualTo("08006"))
            .hasRootCauseInstanceOf(SocketTimeoutException.class);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  private static List<String> settings(DataSource source) throws SQLException {
    List<String> settings = new ArrayList<>();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      for (String setting :
          List.of("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout")) {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          settings.add(row.getString(1));
        }
      }
    }
    return settings;
  }
}
