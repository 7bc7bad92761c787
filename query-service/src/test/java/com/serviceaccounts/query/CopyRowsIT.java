package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceaccounts.query.intake.CopyRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link CopyRows} against PostgreSQL: every value arrives as it was given, or none does. */
class CopyRowsIT extends QueryServiceIntegrationTest {

  private static final String TABLE = "copy_rows_it";

  @Autowired JdbcTemplate jdbcTemplate;
  @Autowired TransactionTemplate transaction;

  @BeforeEach
  void table() {
    jdbcTemplate.execute(
        "CREATE TABLE %s (id uuid PRIMARY KEY, label text, doc jsonb, n bigint)".formatted(TABLE));
  }

  @AfterEach
  void dropTable() {
    jdbcTemplate.execute("DROP TABLE " + TABLE);
  }

  @Test
  void valuesArriveExactlyAsGiven() {
    List<String> labels =
        List.of(
            "plain",
            "tab\there",
            "new\nline",
            "carriage\rreturn",
            "back\\slash \\N \\t \\.",
            "\\",
            "",
            "ünïcödé 漢字 🔑",
            "'; DROP TABLE copy_rows_it; --",
            "ends with a backslash\\");
    List<UUID> ids = new ArrayList<>();
    CopyRows rows = new CopyRows(TABLE, "id, label, doc, n");
    for (int i = 0; i < labels.size(); i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      String doc = "{\"quote\": \"a \\\"b\\\" c\", \"escape\": \"\\\\n\", \"i\": %d}".formatted(i);
      rows.value(id).value(labels.get(i)).value(doc).value(i).endRow();
    }
    UUID withNulls = UUID.randomUUID();
    rows.value(withNulls).value(null).value(null).value(null).endRow();

    Long copied = transaction.execute(tx -> rows.copy(jdbcTemplate));
    assertThat(copied).isEqualTo(labels.size() + 1L);

    for (int i = 0; i < labels.size(); i++) {
      List<Object> row =
          jdbcTemplate.queryForObject(
              "SELECT label, doc->>'quote', doc->>'escape', (doc->>'i')::int, n FROM %s WHERE id = ?"
                  .formatted(TABLE),
              (result, n) ->
                  Arrays.asList(
                      result.getString(1),
                      result.getString(2),
                      result.getString(3),
                      result.getInt(4),
                      result.getLong(5)),
              ids.get(i));
      assertThat(row).containsExactly(labels.get(i), "a \"b\" c", "\\n", i, (long) i);
    }
    assertThat(
            jdbcTemplate.queryForObject(
                "SELECT label IS NULL AND doc IS NULL AND n IS NULL FROM %s WHERE id = ?"
                    .formatted(TABLE),
                Boolean.class,
                withNulls))
        .isTrue();
  }

  @Test
  void aTakenKeyFailsTheWholeCopyAsADuplicateKey() {
    UUID taken = UUID.randomUUID();
    jdbcTemplate.update("INSERT INTO %s (id, label) VALUES (?, 'first')".formatted(TABLE), taken);
    CopyRows rows = new CopyRows(TABLE, "id, label, doc, n");
    rows.value(UUID.randomUUID()).value("new").value("{}").value(1).endRow();
    rows.value(taken).value("again").value("{}").value(2).endRow();

    assertThatThrownBy(() -> transaction.execute(tx -> rows.copy(jdbcTemplate)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(jdbcTemplate.queryForList("SELECT label FROM " + TABLE, String.class))
        .containsExactly("first");
  }

  @Test
  void noRowsCopyNothing() {
    assertThat(new CopyRows(TABLE, "id").copy(jdbcTemplate)).isZero();
  }
}
