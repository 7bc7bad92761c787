package com.serviceaccounts.query.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tables of a rebuild ({@link ProjectionRebuild}): their empty copies in schema {@code
 * rebuild}, the copies' indexes and constraints once filled (as the current tables have them, with
 * their names), and the switch that puts the copies in the current tables' place, carrying over
 * what the tables hold that is not in the events ({@link ProjectedTable#carryOver()}).
 */
final class RebuildSchema {

  private static final Logger log = LoggerFactory.getLogger(RebuildSchema.class);

  private final List<String> tables;

  /** The indexes the projections look rows up by, besides primary keys, by table. */
  private final Map<String, List<String>> readBy;

  /** The tables that carry something over at the switch, in order. */
  private final List<ProjectedTable> carryingOver;

  /** The names of those only appended to, never read back: no key is needed to fill them. */
  private final Set<String> appendOnly;

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  /** With the data source {@code transaction}'s transactions are on. */
  RebuildSchema(
      List<ProjectedTable> tables, DataSource dataSource, TransactionTemplate transaction) {
    this.tables = tables.stream().map(ProjectedTable::name).toList();
    this.readBy =
        tables.stream().collect(Collectors.toMap(ProjectedTable::name, ProjectedTable::readBy));
    this.carryingOver = tables.stream().filter(table -> table.carryOver() != null).toList();
    this.appendOnly =
        tables.stream()
            .filter(ProjectedTable::appendOnly)
            .map(ProjectedTable::name)
            .collect(Collectors.toUnmodifiableSet());
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = transaction;
  }

  Set<String> appendOnly() {
    return appendOnly;
  }

  /**
   * Empty copies of the tables, with only the primary keys and indexes the projections look rows up
   * by (the tables only appended to get their keys in {@link #indexCopies()}).
   */
  void prepareCopies() {
    transaction.executeWithoutResult(
        tx -> {
          dropCopies();
          jdbc.sql("CREATE SCHEMA rebuild").update();
          for (String table : tables) {
            jdbc.sql(
                    "CREATE TABLE rebuild.%s (LIKE public.%s INCLUDING ALL EXCLUDING INDEXES)"
                        .formatted(table, table))
                .update();
            if (!appendOnly.contains(table)) {
              constraints(table, "p").forEach(this::execute);
            }
            Map<String, String> indexes = plainIndexes(table);
            for (String index : readBy.get(table)) {
              if (!indexes.containsKey(index)) {
                throw new IllegalStateException(
                    "table %s has no index %s to look its rows up by".formatted(table, index));
              }
              execute(indexes.get(index));
            }
          }
        });
  }

  /**
   * The other indexes and the unique constraints of the tables (and the primary keys of those only
   * appended to), as the current ones have them; then the tables' statistics.
   */
  void indexCopies() {
    Instant start = Instant.now();
    for (String table : tables) {
      List<String> keys = appendOnly.contains(table) ? constraints(table, "p") : List.of();
      for (String statement :
          Stream.of(keys, constraints(table, "u"), laterIndexes(table))
              .flatMap(List::stream)
              .toList()) {
        transaction.executeWithoutResult(
            tx -> {
              unbounded();
              execute(statement);
            });
      }
      // Statistics for the planner, which fresh tables have none of: without them the first
      // queries after the switch are planned blind (a million-entry audit page took seconds).
      transaction.executeWithoutResult(
          tx -> {
            unbounded();
            execute("ANALYZE rebuild." + table);
          });
    }
    log.info(
        "projection rebuild: indexes built and statistics gathered in {} ms",
        Duration.between(start, Instant.now()).toMillis());
  }

  /**
   * In one transaction, the copies replace the current tables. First each table that carries
   * something over is locked against writers (usage reports may still arrive: one applied between
   * the carry-over and the switch would be lost; one waiting on the lock is applied to the new
   * table), and what it holds that is not in the events is copied into its copy.
   */
  void switchOver() {
    transaction.executeWithoutResult(
        tx -> {
          unbounded();
          for (ProjectedTable table : carryingOver) {
            jdbc.sql("LOCK TABLE public.%s IN SHARE ROW EXCLUSIVE MODE".formatted(table.name()))
                .update();
            jdbc.sql(table.carryOver()).update();
          }
          jdbc.sql("DROP SCHEMA IF EXISTS replaced CASCADE").update();
          jdbc.sql("CREATE SCHEMA replaced").update();
          for (String table : tables) {
            jdbc.sql("ALTER TABLE public.%s SET SCHEMA replaced".formatted(table)).update();
            jdbc.sql("ALTER TABLE rebuild.%s SET SCHEMA public".formatted(table)).update();
          }
          jdbc.sql("DROP SCHEMA replaced CASCADE").update();
          jdbc.sql("DROP SCHEMA rebuild CASCADE").update();
        });
  }

  void dropCopies() {
    jdbc.sql("DROP SCHEMA IF EXISTS rebuild CASCADE").update();
  }

  /**
   * {@code ALTER TABLE rebuild.<table> ADD CONSTRAINT ...} for each constraint of the current table
   * of a kind ({@code p} primary key, {@code u} unique).
   */
  private List<String> constraints(String table, String kind) {
    return jdbc.sql(
            """
            SELECT format('ALTER TABLE rebuild.%I ADD CONSTRAINT %I %s',
                          :table, conname, pg_get_constraintdef(oid))
              FROM pg_constraint
             WHERE conrelid = to_regclass('public.' || :table) AND contype = :kind
             ORDER BY conname
            """)
        .param("table", table)
        .param("kind", kind)
        .query(String.class)
        .list();
  }

  /** {@link #plainIndexes} that the projections do not look rows up by. */
  private List<String> laterIndexes(String table) {
    return plainIndexes(table).entrySet().stream()
        .filter(index -> !readBy.get(table).contains(index.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }

  /**
   * {@code CREATE INDEX ... ON rebuild.<table>} for each index no constraint owns, by the index's
   * name.
   */
  private Map<String, String> plainIndexes(String table) {
    Map<String, String> indexes = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT c.relname,
                   regexp_replace(pg_get_indexdef(i.indexrelid), ' ON (public\\.)?(\\S+) ',
                                  ' ON rebuild.\\2 ')
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = to_regclass('public.' || :table)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
             ORDER BY i.indexrelid
            """)
        .param("table", table)
        .query(
            (row, i) -> {
              indexes.put(row.getString(1), row.getString(2));
              return null;
            })
        .list();
    return indexes;
  }

  /**
   * Lifts the pool's bounds on a statement's run and lock wait (5 s, 2 s: {@code application.yml})
   * for the rest of this transaction, and the driver's on its wait for an answer (10 s), which
   * HikariCP puts back when the connection returns to the pool: an index build, the statistics or
   * the carry-over of a million-row table take as long as its rows need, and the switch waits for
   * the readers in flight.
   */
  private void unbounded() {
    jdbc.sql(
            "SELECT set_config('statement_timeout', '0', true), set_config('lock_timeout', '0', true),"
                + " set_config('idle_in_transaction_session_timeout', '0', true)")
        .query()
        .listOfRows();
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection.setNetworkTimeout(Runnable::run, 0);
    } catch (SQLException failed) {
      throw new DataAccessResourceFailureException(
          "the driver's timeout could not be lifted", failed);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  private void execute(String ddl) {
    jdbc.sql(ddl).update();
  }
}
