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
 * Tells a consumer's failure that may pass (the database unreachable, a connection lost, a
 * serialization failure or deadlock, an event that waits for its predecessor) from one that will
 * not (the database refusing the data, an unreadable record): the first is retried for as long as
 * it lasts, the second only a few times before the record is parked, so that it cannot stop its
 * partition. Every consumer of the event, security and usage topics classifies with this one rule.
 * Plain Java, since the rule is the same whatever framework calls it.
 */
public final class RecordFailures {

  /**
   * SQLState classes of conditions that pass: 08 connection exception, 40 transaction rollback
   * (serialization failure, deadlock), 53 insufficient resources, 57 operator intervention (the
   * server shutting down), 58 system error, and 55P03 lock not available.
   */
  private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57", "58");

  private RecordFailures() {}

  /**
   * Whether the failure may pass by itself: anywhere in its causes, an exception of one of the
   * given types (the caller's own "wait for it" exceptions, such as a version gap), a transient or
   * recoverable JDBC exception, an SQLState of a transient class, or a refused connection. Anything
   * else lasts.
   */
  public static boolean isTransient(Throwable failure, Set<Class<?>> transientTypes) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      for (Class<?> type : transientTypes) {
        if (type.isInstance(cause)) {
          return true;
        }
      }
      if (cause instanceof SQLException sql) {
        // The first SQLState that says anything decides: a batch's own state, or its next's.
        for (SQLException each = sql; each != null; each = each.getNextException()) {
          String state = each.getSQLState();
          if (each instanceof SQLTransientException || each instanceof SQLRecoverableException) {
            return true;
          }
          if (state != null && state.length() == 5) {
            return TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)) || state.equals("55P03");
          }
          if (each.getNextException() == each) {
            break;
          }
        }
      }
      if (cause instanceof ConnectException || cause instanceof SocketException) {
        return true;
      }
    }
    return false;
  }
}
