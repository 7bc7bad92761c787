package com.serviceaccounts.query.intake;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for one PostgreSQL {@code COPY <table> (<columns>) FROM STDIN}, in its text format, sent
 * over the connection of the caller's transaction: a batch of rows in one statement, with no
 * statement text to parse and plan per batch and no bind parameter per value. Constraints and
 * triggers apply as to an {@code INSERT}; a violated one fails the whole copy (a {@code
 * DuplicateKeyException} for a unique key).
 *
 * <p>Code run by {@link #collecting} hands its copies into some tables over instead of making them.
 */
public final class CopyRows {

  /** The current thread's hand-over, while {@link #collecting} runs. */
  private static final ThreadLocal<Handover> HANDOVER = new ThreadLocal<>();

  private record Handover(Set<String> tables, List<CopyRows> taken) {}

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

  /**
   * Runs {@code work} with every copy it makes on this thread into one of {@code tables} not made
   * but collected, and returns those in the order they were asked for: the caller makes them later,
   * elsewhere. If {@code work} throws, nothing is returned.
   */
  static List<CopyRows> collecting(Set<String> tables, Runnable work) {
    Handover outer = HANDOVER.get();
    Handover handover = new Handover(tables, new ArrayList<>());
    HANDOVER.set(handover);
    try {
      work.run();
    } finally {
      if (outer == null) {
        HANDOVER.remove();
      } else {
        HANDOVER.set(outer);
      }
    }
    return handover.taken();
  }

  /**
   * Copies the rows into the table, or hands them over (see {@link #collecting}); nothing when
   * there are none. Returns the rows copied or handed over.
   */
  public long copy(JdbcTemplate jdbc) {
    if (rows == 0) {
      return 0;
    }
    Handover handover = HANDOVER.get();
    if (handover != null && handover.tables().contains(table)) {
      handover.taken().add(this);
      return rows;
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
