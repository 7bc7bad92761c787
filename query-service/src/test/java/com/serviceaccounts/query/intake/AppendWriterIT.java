package com.serviceaccounts.query.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.query.QueryServiceIntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's appended rows against PostgreSQL: collected instead of copied in the transaction that
 * made them ({@link CopyRows#collecting}), then copied by an {@link AppendWriter} in order, and a
 * failed copy stops it.
 */
class AppendWriterIT extends QueryServiceIntegrationTest {

  private static final String APPENDED = "append_writer_it_appended";
  private static final String OTHER = "append_writer_it_other";

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  @BeforeEach
  void tables() {
    jdbc.execute("CREATE TABLE %s (n int PRIMARY KEY, arrived bigserial)".formatted(APPENDED));
    jdbc.execute("CREATE TABLE %s (n int PRIMARY KEY)".formatted(OTHER));
  }

  @AfterEach
  void dropTables() {
    jdbc.execute("DROP TABLE %s, %s".formatted(APPENDED, OTHER));
  }

  @Test
  void copiesIntoTheTablesNamedAreCollectedAndTheOthersMade() {
    List<CopyRows> collected =
        CopyRows.collecting(
            Set.of(APPENDED),
            () ->
                transaction.executeWithoutResult(
                    tx -> {
                      assertThat(rows(APPENDED, 1, 2).copy(jdbc)).isEqualTo(2);
                      rows(OTHER, 7).copy(jdbc);
                    }));

    assertThat(collected).hasSize(1);
    assertThat(count(APPENDED)).isZero();
    assertThat(count(OTHER)).isEqualTo(1);

    // Outside collecting, the same thread copies at once again.
    rows(APPENDED, 3).copy(jdbc);
    assertThat(count(APPENDED)).isEqualTo(1);
  }

  @Test
  void workThatFailsHandsNothingOverAndLeavesTheThreadCopying() {
    assertThatThrownBy(
            () ->
                CopyRows.collecting(
                    Set.of(APPENDED),
                    () -> {
                      rows(APPENDED, 1).copy(jdbc);
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");

    rows(APPENDED, 2).copy(jdbc);
    assertThat(jdbc.queryForList("SELECT n FROM " + APPENDED, Integer.class)).containsExactly(2);
  }

  @Test
  void batchesAreCommittedInTheOrderSubmitted() throws InterruptedException {
    AppendWriter writer = new AppendWriter(transaction, jdbc, tx -> {});
    try {
      for (int batch = 0; batch < 6; batch++) {
        int first = batch * 100;
        writer.submit(List.of(rows(APPENDED, IntStream.range(first, first + 100).toArray())));
      }
      writer.awaitCommitted();
    } finally {
      writer.close();
    }

    assertThat(
            jdbc.queryForList(
                "SELECT n FROM %s ORDER BY arrived".formatted(APPENDED), Integer.class))
        .containsExactlyElementsOf(IntStream.range(0, 600).boxed().toList());
  }

  @Test
  void aFailedCopyIsThrownAndNothingAfterItIsCopied() throws InterruptedException {
    AppendWriter writer = new AppendWriter(transaction, jdbc, tx -> {});
    try {
      writer.submit(List.of(rows(APPENDED, 1, 2)));
      writer.submit(List.of(rows(APPENDED, 3, 1)));
      assertThatThrownBy(
              () -> {
                writer.submit(List.of(rows(APPENDED, 4)));
                writer.awaitCommitted();
              })
          .isInstanceOf(IllegalStateException.class)
          .hasCauseInstanceOf(DuplicateKeyException.class);
      assertThatThrownBy(() -> writer.submit(List.of(rows(APPENDED, 5))))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      writer.close();
    }

    assertThat(jdbc.queryForList("SELECT n FROM %s ORDER BY n".formatted(APPENDED), Integer.class))
        .containsExactly(1, 2);
  }

  @Test
  void eachTransactionStartsWithTheGivenStatements() throws InterruptedException {
    jdbc.execute("CREATE SCHEMA append_writer_it");
    try {
      jdbc.execute("CREATE TABLE append_writer_it.%s (n int PRIMARY KEY)".formatted(APPENDED));
      AppendWriter writer =
          new AppendWriter(
              transaction, jdbc, tx -> tx.execute("SET LOCAL search_path TO append_writer_it"));
      try {
        writer.submit(List.of(rows(APPENDED, 1)));
        writer.awaitCommitted();
      } finally {
        writer.close();
      }

      assertThat(count("append_writer_it." + APPENDED)).isEqualTo(1);
      assertThat(count(APPENDED)).isZero();
    } finally {
      jdbc.execute("DROP SCHEMA append_writer_it CASCADE");
    }
  }

  private static CopyRows rows(String table, int... ns) {
    CopyRows rows = new CopyRows(table, "n");
    for (int n : ns) {
      rows.value(n).endRow();
    }
    return rows;
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
