package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

  @TempDir Path dataDirectory;

  @Test
  void runsSqlAndKeepsDataAcrossARestart() throws SQLException {
    int port = Ports.anyFree();
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, port)) {
      assertThat(postgres.createDatabaseIfMissing("accounts")).isTrue();
      assertThat(postgres.createDatabaseIfMissing("accounts")).isFalse();
      try (Connection connection = postgres.dataSource("accounts").getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE account (id int PRIMARY KEY, name text NOT NULL)");
        statement.execute("INSERT INTO account VALUES (1, 'billing-bot')");
      }
    }

    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, port)) {
      assertThat(postgres.jdbcUrl("accounts"))
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/accounts");
      try (Connection connection = postgres.dataSource("accounts").getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT name, version() FROM account WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("billing-bot");
        assertThat(rows.getString(2)).startsWith("PostgreSQL 17.");
      }
    }
  }

  @Test
  void acknowledgedCommitsAreDurable() throws SQLException {
    try (EmbeddedPostgresServer postgres =
            EmbeddedPostgresServer.start(dataDirectory, Ports.anyFree());
        Connection connection = postgres.dataSource("postgres").getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW synchronous_commit")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("on");
    }
  }

  @Test
  void refusesDatabaseNamesThatWouldNeedQuoting() {
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(dataDirectory, Ports.anyFree())) {
      assertThatThrownBy(() -> postgres.createDatabaseIfMissing("x\"; DROP DATABASE postgres; --"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * Each service's role owns its database and cannot even connect to another's: PostgreSQL refuses
   * it, whatever the password (the embedded server trusts local connections).
   */
  @Test
  void aServiceRoleCannotReadAnotherServicesDatabase() throws SQLException {
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(dataDirectory, Ports.anyFree())) {
      postgres.createDatabaseIfMissing("command_service");
      postgres.createDatabaseIfMissing("query_service");
      try (Connection own = connect(postgres, "command_service", "command_service");
          Statement statement = own.createStatement()) {
        statement.execute("CREATE TABLE domainevententry (globalindex bigint PRIMARY KEY)");
      }

      assertThatThrownBy(() -> connect(postgres, "command_service", "query_service").close())
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
          .hasMessageContaining("permission denied for database \"command_service\"");
      try (Connection own = connect(postgres, "query_service", "query_service");
          Statement statement = own.createStatement()) {
        statement.execute("CREATE SCHEMA rebuild");
      }
    }
  }

  /** A database made before each service had its role is handed to the role, tables and all. */
  @Test
  void aDatabaseOfAnEarlierVersionIsHandedToItsRole() throws SQLException {
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(dataDirectory, Ports.anyFree())) {
      try (Connection superuser = postgres.dataSource("postgres").getConnection();
          Statement statement = superuser.createStatement()) {
        statement.execute("CREATE DATABASE query_service");
      }
      try (Connection superuser = postgres.dataSource("query_service").getConnection();
          Statement statement = superuser.createStatement()) {
        statement.execute("CREATE TABLE audit_entry (id bigserial PRIMARY KEY, hash text)");
        statement.execute("INSERT INTO audit_entry (hash) VALUES ('9c1f')");
      }

      assertThat(postgres.createDatabaseIfMissing("query_service")).isFalse();

      try (Connection own = connect(postgres, "query_service", "query_service");
          Statement statement = own.createStatement()) {
        statement.execute("INSERT INTO audit_entry (hash) VALUES ('71aa')");
        statement.execute("DROP TABLE audit_entry");
      }
    }
  }

  /** docker-compose's databases and roles, made by its init script, are kept apart alike. */
  @Test
  void dockerComposesInitScriptKeepsTheServicesApart() throws Exception {
    String script =
        Files.readString(Path.of("..", "deploy", "postgres-init.sql"), StandardCharsets.UTF_8);
    try (EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(dataDirectory, Ports.anyFree())) {
      try (Connection superuser = postgres.dataSource("postgres").getConnection();
          Statement statement = superuser.createStatement()) {
        for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
      for (String service : List.of("command_service", "query_service", "token_service")) {
        connect(postgres, service, service).close();
        for (String other : List.of("command_service", "query_service", "token_service")) {
          if (!other.equals(service)) {
            assertThatThrownBy(() -> connect(postgres, other, service).close())
                .as("%s connecting to %s's database", service, other)
                .hasMessageContaining("permission denied for database");
          }
        }
      }
    }
  }

  private static Connection connect(EmbeddedPostgresServer postgres, String database, String role)
      throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), role, role);
  }
}
