package com.serviceaccounts.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Creates databases on a PostgreSQL server, whichever way it runs (embedded here, in a container in
 * test-support). Each service owns one database and creates its tables with Flyway, so an empty
 * database is all a server has to provide.
 */
public final class PostgresDatabases {

  /** Unquoted PostgreSQL identifiers, so that the name can go into CREATE DATABASE as it is. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** PostgreSQL's SQLSTATE for "database already exists", when two callers race. */
  private static final String DUPLICATE_DATABASE = "42P04";

  private PostgresDatabases() {}

  /**
   * Creates the database unless it exists.
   *
   * @param server a connection source to any existing database of the server, as a superuser
   * @return whether the database was created
   * @throws IllegalArgumentException if the name is not a lower-case identifier
   */
  public static boolean createIfMissing(DataSource server, String database) {
    String name = requireValidName(database);
    try (Connection connection = server.getConnection()) {
      if (exists(connection, name)) {
        return false;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE \"" + name + "\"");
      }
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException("Could not create database " + name, e);
    }
  }

  /**
   * CREATE DATABASE takes no bind parameters, so names are checked instead.
   *
   * @throws IllegalArgumentException if the name is not a lower-case identifier
   */
  public static String requireValidName(String database) {
    if (database == null || !NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Database names are lower-case letters, digits and underscores, got: " + database);
    }
    return database;
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet result = query.executeQuery()) {
        return result.next();
      }
    }
  }
}
