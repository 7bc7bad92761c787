package com.serviceaccounts.command.serviceaccount;

/** {@code If-Match} named a version the account is no longer at. */
public class VersionMismatchException extends RuntimeException {

  private final long currentVersion;

  VersionMismatchException(long expectedVersion, long currentVersion) {
    super(
        "the service account is at version "
            + currentVersion
            + ", not "
            + expectedVersion
            + "; read it again and retry with If-Match: \""
            + currentVersion
            + "\"");
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
