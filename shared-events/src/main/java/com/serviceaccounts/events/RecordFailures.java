package com.serviceaccounts.events;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a consumer's failure that may pass from one that will not. May pass: the caller's own "wait
 * for it" exceptions (a version gap; the caller bounds the wait), transient or recoverable JDBC
 * exceptions, refused connections, and any refusal of the database that is not about the record's
 * data — connection loss, serialization failure or deadlock, a lock timeout, but also a missing
 * table or privilege: those hold for every record, so retrying (loudly) beats parking them all.
 * Parked at the first failure: what the database refuses in the record's data as such (SQLState
 * class 22, data exception, e.g. 22021 or 22P05 for U+0000, 22008 for a timestamp out of range;
 * class 54, a limit of the database's such as 54000 for an index row too large), which it refuses
 * the same way every time. Parked after a few attempts: an integrity constraint violation (class
 * 23, which other rows decide), and every other exception (an unreadable record, a bug that one
 * record triggers). Every consumer of the event, security and usage topics classifies with this one
 * rule; plain Java, since the rule is the same whatever framework calls it.
 */
public final class RecordFailures {

  /**
   * SQLState classes of a refusal of the record's data as such: data exception, a limit of the
   * database's (an index row too large, say).
   */
  private static final Set<String> REFUSED_DATA_SQL_CLASSES = Set.of("22", "54");

  /** SQLState class of an integrity constraint violation: other rows decide it. */
  private static final String CONSTRAINT_SQL_CLASS = "23";

  private RecordFailures() {}

  /** What a consumer's failure is to its retries. */
  public enum Kind {
    /** The caller's own "wait for it" (a version gap): retried for as long as the caller waits. */
    AWAITED,
    /** May pass by itself (the database away or busy): retried until it does. */
    PASSING,
    /** The record's data as such, which the database refuses every time: parked at once. */
    REFUSED,
    /** The record's own (a constraint it violates, or unreadable): parked after a few attempts. */
    LASTING
  }

  /**
   * The failure itself or the first of its causes that is a {@code type}; null if none is (or the
   * failure is null). The one walk of a failure's causes for what a consumer tells apart by type.
   */
  public static <T> T causeOf(Throwable failure, Class<T> type) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /**
   * Whether {@code failure} is HikariCP's refusal of a connection it closed as broken (one the
   * database ended, say): it gives no SQL state, only this message.
   */
  public static boolean connectionClosed(SQLException failure) {
    return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
  }

  /**
   * What the failure is, decided by the first of its causes that says anything; see the class
   * comment.
   */
  public static Kind kind(Throwable failure, Set<Class<?>> awaitedTypes) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      for (Class<?> type : awaitedTypes) {
        if (type.isInstance(cause)) {
          return Kind.AWAITED;
        }
      }
      if (cause instanceof SQLException sql) {
        // The first SQLState that says anything decides: a batch's own state, or its next's.
        Set<SQLException> chained = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SQLException each = sql; each != null && chained.add(each); ) {
          if (each instanceof SQLTransientException
              || each instanceof SQLRecoverableException
              || connectionClosed(each)) {
            return Kind.PASSING;
          }
          String state = each.getSQLState();
          if (state != null && state.length() == 5) {
            String sqlClass = state.substring(0, 2);
            if (REFUSED_DATA_SQL_CLASSES.contains(sqlClass)) {
              return Kind.REFUSED;
            }
            return CONSTRAINT_SQL_CLASS.equals(sqlClass) ? Kind.LASTING : Kind.PASSING;
          }
          each = each.getNextException();
        }
      }
      if (cause instanceof ConnectException || cause instanceof SocketException) {
        return Kind.PASSING;
      }
    }
    return Kind.LASTING;
  }
}
