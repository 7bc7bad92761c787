package com.serviceaccounts.security.personaldata;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data keys in memory, lost with the process: for aggregate fixtures, unit tests and tools that run
 * without a database (like Spring Security's in-memory stores).
 */
public final class InMemoryKeyStore implements KeyStore {

  private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();

  @Override
  public byte[] putIfAbsent(UUID accountId, byte[] key) {
    return keys.computeIfAbsent(accountId, id -> key.clone()).clone();
  }

  @Override
  public Optional<byte[]> find(UUID accountId) {
    return Optional.ofNullable(keys.get(accountId)).map(byte[]::clone);
  }

  @Override
  public Map<UUID, byte[]> findAll(Collection<UUID> accountIds) {
    Map<UUID, byte[]> found = new HashMap<>();
    accountIds.forEach(id -> find(id).ifPresent(key -> found.put(id, key)));
    return found;
  }

  @Override
  public boolean destroy(UUID accountId) {
    return keys.remove(accountId) != null;
  }
}
