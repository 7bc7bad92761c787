package com.serviceaccounts.query.web;

import java.time.Duration;
import java.util.UUID;

/**
 * The reader asked for a version of an account that this service has not applied yet, even after
 * waiting: answered 503 with {@code Retry-After}, the version asked for and the one it has.
 */
public class ProjectionBehindException extends RuntimeException {

  private final long minVersion;
  private final long currentVersion;

  public ProjectionBehindException(
      UUID accountId, long minVersion, long currentVersion, Duration waited) {
    super(
        "service account %s is at version %d here, not yet %d (waited %d ms); try again shortly"
            .formatted(accountId, currentVersion, minVersion, waited.toMillis()));
    this.minVersion = minVersion;
    this.currentVersion = currentVersion;
  }

  public long minVersion() {
    return minVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
