package com.serviceaccounts.security.personaldata;

import java.util.UUID;

/** Where the per-account data keys of {@link PersonalDataVault} live: anywhere but the events. */
public interface KeyStore extends KeyLookup {

  /** Stores the key for the account unless it has one; returns the key the account now has. */
  byte[] putIfAbsent(UUID accountId, byte[] key);

  /** Destroys the account's key for good; {@code false} when it had none. */
  boolean destroy(UUID accountId);
}
