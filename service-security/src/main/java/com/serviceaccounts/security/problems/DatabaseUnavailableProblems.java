package com.serviceaccounts.security.problems;

import com.serviceaccounts.events.RecordFailures;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database the service cannot reach now (its connection refused or ended, no connection to be
 * had, a transaction that could not begin) or that cannot answer now (a lock not granted, a
 * statement cancelled at its time limit), however deep in what a request threw, is a 503 with
 * {@code Retry-After}, as the service answers whenever it cannot answer now: not a 500 with a stack
 * trace logged for each request while the database is away. Before every service's own handlers;
 * only exceptions that say nothing else (a SQL error under a framework's exception may be a
 * conflict the service answers itself), so a service whose framework wraps the driver's exception
 * asks {@link #unreachable} in its own handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableProblems {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableProblems.class);

  /** The SQL states of a connection that had been ended when it was used. */
  private static final Set<String> ENDED_STATES = Set.of("08003", "08006", "57P01", "57P02");

  /**
   * The SQL states (or their starts) of a database that cannot answer now: connection exceptions,
   * the server shutting the connection, a lock not granted in time, a statement cancelled.
   */
  private static final List<String> NOT_NOW_STATES = List.of("08", "57P0", "55P03", "57014");

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    TransientDataAccessResourceException.class,
    QueryTimeoutException.class,
    PessimisticLockingFailureException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception failure) {
    return answer(failure);
  }

  /**
   * The 503 for a database the service cannot reach, for a service's own handler of a framework's
   * exception that {@link #unreachable} says is one (Axon's event store throws its own).
   */
  public static ResponseEntity<ProblemDetail> answer(Exception failure) {
    log.warn(
        "database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(failure).toString());
    return ProblemResponses.unavailable(
        "The service's database cannot answer now; try again in a moment.");
  }

  /**
   * Whether the failure, or what caused it, says the connection it ran on had been ended (by the
   * server: a restart, a failover, a terminated backend; SQL state 08003, 08006, 57P01 or 57P02, or
   * HikariCP's refusal of a connection it closed as broken). HikariCP checks a connection before
   * handing it out only if it has been idle half a second, so the first use of each after the
   * database ended them fails; a read tried again gets a fresh one. Not a refused connection nor
   * the pool's wait running out: trying again waits once more.
   */
  public static boolean connectionEnded(Throwable failure) {
    for (SQLException each = RecordFailures.causeOf(failure, SQLException.class);
        each != null;
        each = RecordFailures.causeOf(each.getCause(), SQLException.class)) {
      String state = each.getSQLState();
      if ((state != null && ENDED_STATES.contains(state))
          || RecordFailures.connectionClosed(each)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the failure, or what caused it, says the database cannot be reached or cannot answer
   * now: Spring's resource failures, or a driver's connection error (SQL state class 08, or 57P0x:
   * the server shut the connection), lock timeout (55P03) or cancelled statement (57014: the
   * statement timeout) under a framework's own exception (Axon's event store throws its own).
   */
  public static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException
          || cause instanceof TransientDataAccessResourceException
          || cause instanceof QueryTimeoutException
          || cause instanceof PessimisticLockingFailureException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || (cause instanceof SQLException sql
              && sql.getSQLState() != null
              && NOT_NOW_STATES.stream().anyMatch(sql.getSQLState()::startsWith))
          || (cause instanceof SQLException closed && RecordFailures.connectionClosed(closed))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
