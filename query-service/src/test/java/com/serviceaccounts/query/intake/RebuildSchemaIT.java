package com.serviceaccounts.query.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.query.QueryServiceIntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's copies of the projected tables against PostgreSQL: empty, with the keys and indexes
 * the projections look rows up by while the copies fill (a lookup by another column would scan the
 * growing copy once per poll), the other indexes once they are full.
 */
class RebuildSchemaIT extends QueryServiceIntegrationTest {

  private static final String TABLE = "rebuild_schema_it_rows";

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired Projections projections;
  @Autowired DataSource pool;

  @BeforeEach
  void table() {
    jdbc.execute("CREATE TABLE %s (id int PRIMARY KEY, name text, other text)".formatted(TABLE));
    jdbc.execute("CREATE INDEX %s_by_name ON %s (name)".formatted(TABLE, TABLE));
    jdbc.execute("CREATE INDEX %s_by_other ON %s (other)".formatted(TABLE, TABLE));
  }

  @AfterEach
  void dropTable() {
    jdbc.execute("DROP SCHEMA IF EXISTS rebuild CASCADE");
    jdbc.execute("DROP TABLE " + TABLE);
  }

  @Test
  void theIndexesTheProjectionsReadByAreOnTheEmptyCopiesTheOthersComeOnceTheyAreFull() {
    RebuildSchema schema =
        new RebuildSchema(
            List.of(ProjectedTable.keyed(TABLE).readBy(TABLE + "_by_name")), pool, transaction);

    schema.prepareCopies();
    assertThat(indexesOfCopy(TABLE)).containsExactly(TABLE + "_by_name", TABLE + "_pkey");
    schema.indexCopies();
    assertThat(indexesOfCopy(TABLE))
        .containsExactly(TABLE + "_by_name", TABLE + "_by_other", TABLE + "_pkey");
  }

  /**
   * The pool bounds a statement's run (5 s in {@code application.yml}) and the driver its wait for
   * an answer (10 s); a copy's index builds and statistics are not held to them. Here the bounds
   * are 50 ms and 500 ms, and the full copy's indexes take longer.
   */
  @Test
  void theIndexesOfAFullCopyAreBuiltHoweverLongThePoolBoundsAStatement() throws Exception {
    RebuildSchema schema =
        new RebuildSchema(
            List.of(ProjectedTable.keyed(TABLE).readBy(TABLE + "_by_name")), pool, transaction);
    schema.prepareCopies();
    jdbc.execute(
        "INSERT INTO rebuild.%s SELECT i, md5(i::text), md5((-i)::text) FROM generate_series(1, 400000) i"
            .formatted(TABLE));

    try (Connection connection = pool.getConnection()) {
      SingleConnectionDataSource bounded = new SingleConnectionDataSource(connection, true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET statement_timeout = '50ms'");
      }
      int poolsNetworkTimeout = connection.getNetworkTimeout();
      connection.setNetworkTimeout(Runnable::run, 500);
      try {
        new RebuildSchema(
                List.of(ProjectedTable.keyed(TABLE).readBy(TABLE + "_by_name")),
                bounded,
                new TransactionTemplate(new DataSourceTransactionManager(bounded)))
            .indexCopies();
      } finally {
        try (Statement statement = connection.createStatement()) {
          statement.execute("RESET statement_timeout");
        }
        connection.setNetworkTimeout(Runnable::run, poolsNetworkTimeout);
      }
    }

    assertThat(indexesOfCopy(TABLE))
        .containsExactly(TABLE + "_by_name", TABLE + "_by_other", TABLE + "_pkey");
  }

  @Test
  void theListingIsReadByClientIdWhileItsCopyFills() {
    new RebuildSchema(projections.tables(), pool, transaction).prepareCopies();

    assertThat(indexesOfCopy("service_account")).contains("service_account_by_client_id");
  }

  @Test
  void anIndexTheTableDoesNotHaveIsNamedNotPassedOver() {
    RebuildSchema schema =
        new RebuildSchema(
            List.of(ProjectedTable.keyed(TABLE).readBy(TABLE + "_by_nothing")), pool, transaction);

    assertThatThrownBy(schema::prepareCopies)
        .hasMessage("table %s has no index %s_by_nothing to look its rows up by", TABLE, TABLE);
  }

  private List<String> indexesOfCopy(String table) {
    return jdbc.queryForList(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'rebuild' AND tablename = ?"
            + " ORDER BY indexname",
        String.class,
        table);
  }
}
