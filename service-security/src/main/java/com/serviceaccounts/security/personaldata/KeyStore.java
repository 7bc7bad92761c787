package com.serviceaccounts.security.personaldata;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where the per-account data keys of {@link PersonalDataVault} live: anywhere but the events. */
public interface KeyStore {

  /** Stores the key for the account unless it has one; returns the key the account now has. */
  byte[] putIfAbsent(UUID accountId, byte[] key);

  Optional<byte[]> find(UUID accountId);

  /** The keys of those accounts that still have one. */
  Map<UUID, byte[]> findAll(Collection<UUID> accountIds);

  /** Destroys the account's key for good; {@code false} when it had none. */
  boolean destroy(UUID accountId);
}
