package com.serviceaccounts.contract.command;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a rotation: the only time the new {@code clientSecret} is shown.
 *
 * @param secretNumber 1 for the secret made at creation, +1 per rotation
 * @param previousSecretsExpireAt until when the earlier secrets keep working
 */
public record RotatedSecret(
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
