package com.serviceaccounts.security.personaldata;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where data keys can be read: what opening sealed texts needs, and nothing that changes keys. */
public interface KeyLookup {

  Optional<byte[]> find(UUID accountId);

  /** The keys of those accounts that still have one. */
  Map<UUID, byte[]> findAll(Collection<UUID> accountIds);
}
