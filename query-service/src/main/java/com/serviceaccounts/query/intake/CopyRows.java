package com.serviceaccounts.query.intake;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for one PostgreSQL {@code COPY <table> (<columns>) FROM STDIN}, in its text format, sent
 * over the connection of the caller's transaction: a batch of rows in one statement, with no
 * statement text to parse and plan per batch and no bind parameter per value. Constraints and
 * triggers apply as to an {@code INSERT}; a violated one fails the whole copy (a {@code
 * DuplicateKeyException} for a unique key).
 */
public final class CopyRows {

  private final String table;
  private final String columns;
  private final StringBuilder text = new StringBuilder();
  private boolean rowStarted;
  private int rows;

  /**
   * @param columns the columns each row gives, comma-separated, in the order {@link #value} is
   *     called
   */
  public CopyRows(String table, String columns) {
    this.table = table;
    this.columns = columns;
  }

  /** The next column's value of the current row: its {@code toString()}, or NULL. */
  public CopyRows value(Object value) {
    if (rowStarted) {
      text.append('\t');
    }
    rowStarted = true;
    if (value == null) {
      text.append("\\N");
      return this;
    }
    String string = value.toString();
    int start = 0;
    for (int i = 0; i < string.length(); i++) {
      String escaped =
          switch (string.charAt(i)) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (escaped != null) {
        text.append(string, start, i).append(escaped);
        start = i + 1;
      }
    }
    text.append(string, start, string.length());
    return this;
  }

  /** Ends the current row. */
  public CopyRows endRow() {
    text.append('\n');
    rowStarted = false;
    rows++;
    return this;
  }

  public int rows() {
    return rows;
  }

  /** Copies the rows into the table; nothing when there are none. Returns the rows copied. */
  public long copy(JdbcTemplate jdbc) {
    if (rows == 0) {
      return 0;
    }
    String statement = "COPY %s (%s) FROM STDIN".formatted(table, columns);
    Long copied =
        jdbc.execute(
            (ConnectionCallback<Long>)
                connection -> {
                  try {
                    return connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(statement, new StringReader(text.toString()));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    return copied == null ? 0 : copied;
  }
}
