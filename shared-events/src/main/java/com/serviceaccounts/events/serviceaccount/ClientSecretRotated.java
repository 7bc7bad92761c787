package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.ReportedTimes;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted when an account gets a new client secret. Secrets are numbered per account: the one made
 * at creation is 1, each rotation adds the next. Every earlier secret that was still valid stays
 * valid until {@code previousSecretsExpireAt} (the overlap in which integrations switch over), and
 * not after. Like at creation, only the new secret's hash travels.
 *
 * @param accountId the account
 * @param companyId the account's company
 * @param secretNumber the new secret's number: 2 for the first rotation, and so on
 * @param clientSecretHash the new secret's hash, {@code sha256:<hex>}
 * @param previousSecretsExpireAt when the secrets valid before this rotation stop being valid; the
 *     event's own time for an immediate switch
 */
public record ClientSecretRotated(
    UUID accountId,
    UUID companyId,
    int secretNumber,
    String clientSecretHash,
    Instant previousSecretsExpireAt)
    implements ServiceAccountEvent {

  /** Without its secret's hash and the end of the secrets before it, it is no rotation. */
  public ClientSecretRotated {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(companyId, "companyId");
    ClientSecretHash.require("clientSecretHash", clientSecretHash);
    ReportedTimes.requireFourDigitYears(
        "previousSecretsExpireAt",
        Objects.requireNonNull(previousSecretsExpireAt, "previousSecretsExpireAt"));
    if (secretNumber < 1) {
      throw new IllegalArgumentException("secretNumber starts at 1, was " + secretNumber);
    }
  }
}
