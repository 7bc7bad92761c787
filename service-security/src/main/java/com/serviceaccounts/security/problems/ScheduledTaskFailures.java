package com.serviceaccounts.security.problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.ErrorHandler;

/**
 * What a scheduled task's failure logs: a database that cannot answer now (the task runs again on
 * its schedule) one line, anything else the whole failure, at error, as Spring logs it by default.
 */
final class ScheduledTaskFailures implements ErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ScheduledTaskFailures.class);

  @Override
  public void handleError(Throwable failure) {
    if (DatabaseUnavailableProblems.unreachable(failure)) {
      log.warn(
          "scheduled task waits for the database: {}",
          NestedExceptionUtils.getMostSpecificCause(failure)
              .toString()
              .lines()
              .findFirst()
              .orElse(""));
    } else {
      log.error("scheduled task failed", failure);
    }
  }
}
