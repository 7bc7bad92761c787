package com.serviceaccounts.security.problems;

import com.serviceaccounts.contract.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database the service cannot reach now (its connection refused or ended, no connection to be
 * had, a transaction that could not begin), however deep in what a request threw, is a 503 with
 * {@code Retry-After}, as the service answers whenever it cannot answer now: not a 500 with a stack
 * trace logged for each request while the database is away. Before every service's own handlers.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableProblems {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableProblems.class);

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception unavailable) {
    log.warn(
        "database unavailable: {}",
        NestedExceptionUtils.getMostSpecificCause(unavailable).toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(
            ProblemResponses.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                ProblemCode.UNAVAILABLE,
                "Service unavailable",
                "The service cannot reach its database now; try again in a moment."));
  }
}
