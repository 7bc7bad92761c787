package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The bounds every service puts on its pool's statements (a lock waited for at most 2 s, a
 * statement run at most 5 s: its {@code application.yml}), and the migrations' connection, which
 * has none: the check each service runs against the connections it really opens.
 */
public final class StatementBounds {

  private StatementBounds() {}

  /**
   * Asserts that the pool's connections have the bounds and the migrations' connection (Flyway's
   * own) has none.
   */
  public static void assertPoolBoundedAndMigrationsNot(DataSource pool, DataSource migrations)
      throws SQLException {
    assertThat(settings(pool)).as("lock_timeout, statement_timeout").containsExactly("2s", "5s");
    assertThat(settings(migrations))
        .as("the migrations' lock_timeout, statement_timeout")
        .containsExactly("0", "0");
  }

  private static List<String> settings(DataSource source) throws SQLException {
    List<String> settings = new ArrayList<>();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      for (String setting : List.of("lock_timeout", "statement_timeout")) {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
          row.next();
          settings.add(row.getString(1));
        }
      }
    }
    return settings;
  }
}
