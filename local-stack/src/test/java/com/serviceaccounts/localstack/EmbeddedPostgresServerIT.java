package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
}
