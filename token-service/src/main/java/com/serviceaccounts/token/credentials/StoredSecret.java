package com.serviceaccounts.token.credentials;

import java.time.Instant;

/**
 * One client secret of an account, as kept: its number, its hash and the end of its validity.
 *
 * @param number 1 for the secret made at creation, +1 per rotation
 * @param hash {@code sha256:<hex>} of the secret
 * @param expiresAt when it stops being valid; {@code null} while it is the current secret
 */
public record StoredSecret(int number, String hash, Instant expiresAt) {

  /** Whether the secret may still be used at {@code now}. */
  public boolean validAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /** This secret, ending at {@code end} if it was still valid at {@code rotatedAt}. */
  StoredSecret endedBy(Instant rotatedAt, Instant end) {
    return validAt(rotatedAt) ? new StoredSecret(number, hash, end) : this;
  }
}
