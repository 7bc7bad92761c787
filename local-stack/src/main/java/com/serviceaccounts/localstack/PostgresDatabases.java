package com.serviceaccounts.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates each service's database and role on a PostgreSQL server, whichever way it runs (embedded
 * here, in a container in test-support). A service owns one database, under a role of the same name
 * that owns it and may connect to no other: {@code CONNECT} is revoked from {@code PUBLIC}, so
 * PostgreSQL itself answers another service's role with "permission denied for database". The
 * service creates its tables with Flyway, as its own role; {@code deploy/postgres-init.sql} does
 * the same for docker-compose.
 */
public final class PostgresDatabases {

  /** Unquoted PostgreSQL identifiers, so that the name can go into CREATE DATABASE as it is. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** PostgreSQL's SQLSTATE for "database already exists", when two callers race. */
  private static final String DUPLICATE_DATABASE = "42P04";

  /** PostgreSQL's SQLSTATE for "role already exists", when two callers race. */
  private static final String DUPLICATE_ROLE = "42710";

  private PostgresDatabases() {}

  /**
   * The development password of a service's role: its name. The local stack and the tests only;
   * deployments set their own (docker-compose's in {@code deploy/postgres-init.sql}).
   */
  public static String developmentPassword(String role) {
    return requireValidName(role);
  }

  /**
   * Creates the database unless it exists, owned by a role of the same name (created with {@link
   * #developmentPassword} unless it exists), and lets no other role connect to it. Objects that an
   * earlier version created in its {@code public} schema as another role are handed to the role.
   *
   * @param server connection sources to the server's databases by name, as a superuser
   * @return whether the database was created
   * @throws IllegalArgumentException if the name is not a lower-case identifier
   */
  public static boolean createIfMissing(Function<String, DataSource> server, String database) {
    String name = requireValidName(database);
    boolean created;
    try (Connection connection = server.apply("postgres").getConnection()) {
      createRoleIfMissing(connection, name);
      created = createDatabaseIfMissing(connection, name);
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER DATABASE \"" + name + "\" OWNER TO \"" + name + "\"");
        statement.execute("REVOKE ALL ON DATABASE \"" + name + "\" FROM PUBLIC");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    if (!created) {
      handOver(server.apply(name), name);
    }
    return created;
  }

  /** A connection source for the database at {@code url}, as {@code user}. */
  public static DataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
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

  private static void createRoleIfMissing(Connection connection, String role) throws SQLException {
    if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + developmentPassword(role) + "'");
    } catch (SQLException e) {
      if (!DUPLICATE_ROLE.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private static boolean createDatabaseIfMissing(Connection connection, String name)
      throws SQLException {
    if (exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
      return false;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Tables, views and free-standing sequences of the {@code public} schema that another role owns
   * (a database made before each service had its role) become the role's; a sequence that belongs
   * to a column follows its table.
   */
  private static void handOver(DataSource superuser, String database) {
    try (Connection connection = superuser.getConnection()) {
      List<String> statements = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              """
              SELECT format('ALTER %s %s OWNER TO %I',
                            CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                           WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                            c.oid::regclass, ?)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                 AND pg_get_userbyid(c.relowner) <> ?
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                    AND d.deptype IN ('a', 'i'))
              """)) {
        query.setString(1, database);
        query.setString(2, database);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            statements.add(rows.getString(1));
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String alter : statements) {
          statement.execute(alter);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not hand database " + database + " to its role", e);
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet result = query.executeQuery()) {
        return result.next();
      }
    }
  }
}
