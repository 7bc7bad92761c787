package com.serviceaccounts.command.serviceaccount;

import java.time.Instant;
import java.util.UUID;

/** The answer to a rotation: the only time the new {@code clientSecret} is shown. */
record RotatedSecret(
    UUID id, String clientSecret, int secretNumber, Instant previousSecretsExpireAt, long version) {

  @Override
  public String toString() {
    return "RotatedSecret[id="
        + id
        + ", secretNumber="
        + secretNumber
        + ", version="
        + version
        + "]";
  }
}
