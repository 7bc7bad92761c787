package com.serviceaccounts.systemtests;

import com.serviceaccounts.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL refusing some services, as a database that is away looks to them: their roles may not
 * log in, and the connections they hold are ended, until {@link #close()}. Run as the superuser.
 */
final class DatabaseOutage implements AutoCloseable {

  private final String superuserDatabase;
  private final List<String> roles;

  private DatabaseOutage(String superuserDatabase, List<String> roles) {
    this.superuserDatabase = superuserDatabase;
    this.roles = List.copyOf(roles);
  }

  /**
   * Refuses the roles of {@code databases} (each service's role is named as its database) from now
   * on.
   */
  static DatabaseOutage of(List<String> databases) throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    List<String> roles = databases.stream().map(infrastructure::username).toList();
    DatabaseOutage outage = new DatabaseOutage(databases.get(0), roles);
    outage.forEachRole(
        "ALTER ROLE %s NOLOGIN",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%s'");
    return outage;
  }

  /**
   * Ends every connection of the roles of {@code databases} every {@code interval}, until {@code
   * duration} has passed: a database that keeps dropping its clients.
   */
  static void endConnectionsAgainAndAgain(
      List<String> databases, Duration interval, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      endConnections(databases);
      Thread.sleep(interval.toMillis());
    }
  }

  /**
   * Ends every connection of the roles of {@code databases} once, as a restart or a failover of the
   * database does; they may connect again at once.
   */
  static void endConnections(List<String> databases) throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    new DatabaseOutage(databases.get(0), databases.stream().map(infrastructure::username).toList())
        .forEachRole("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%s'");
  }

  /**
   * Holds an exclusive lock on each of the tables, per database, until the returned lock is closed
   * (its transaction rolled back): a database that takes the services' connections and then keeps
   * them waiting, as a long migration or an operator's open transaction would.
   */
  static AutoCloseable lockTables(Map<String, List<String>> tablesByDatabase) throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    List<Connection> holders = new ArrayList<>();
    AutoCloseable release =
        () -> {
          for (Connection holder : holders) {
            holder.close();
          }
        };
    try {
      for (Map.Entry<String, List<String>> database : tablesByDatabase.entrySet()) {
        Connection holder = infrastructure.superuserDataSource(database.getKey()).getConnection();
        holders.add(holder);
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
          statement.execute(
              "LOCK TABLE " + String.join(", ", database.getValue()) + " IN ACCESS EXCLUSIVE MODE");
        }
      }
      return release;
    } catch (SQLException failed) {
      try {
        release.close();
      } catch (Exception suppressed) {
        failed.addSuppressed(suppressed);
      }
      throw failed;
    }
  }

  /** The roles may log in again. */
  @Override
  public void close() throws SQLException {
    forEachRole("ALTER ROLE %s LOGIN");
  }

  private void forEachRole(String... statements) throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    try (Connection connection =
            infrastructure.superuserDataSource(superuserDatabase).getConnection();
        Statement statement = connection.createStatement()) {
      for (String role : roles) {
        for (String sql : statements) {
          // Role names are lower-case letters, digits and underscores (TestInfrastructure).
          statement.execute(sql.formatted(role));
        }
      }
    }
  }
}
