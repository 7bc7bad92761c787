package com.serviceaccounts.ui.pages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The versions the signed-in session's own changes were given, by account: what its pages wait for
 * query-service to show (read-your-writes, {@code ?v=} and {@code ?after=}). A version in the
 * address that this session did not write is no change of its own, so the page shows the account as
 * it is, without waiting: a hand-made {@code ?v=9223372036854775807} would otherwise hold one of
 * query-service's waits and answer "your change is saved", reloading for ever. Kept in the session,
 * the last hundred accounts.
 */
final class WrittenVersions {

  private static final String ATTRIBUTE = WrittenVersions.class.getName();
  private static final int ACCOUNTS = 100;

  private WrittenVersions() {}

  /** Notes that this session's change gave the account {@code version}. */
  static void wrote(UUID account, long version) {
    versions().merge(account, version, Math::max);
  }

  /** {@code version} if this session wrote it (or a later one) of the account, else null. */
  static Long awaitable(UUID account, Long version) {
    if (version == null || version < 1) {
      return null; // every account is at version 1 or later
    }
    Long written = versions().get(account);
    return written != null && written >= version ? version : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<UUID, Long> versions() {
    RequestAttributes request = RequestContextHolder.currentRequestAttributes();
    synchronized (request.getSessionMutex()) {
      Object kept = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_SESSION);
      if (kept instanceof Map<?, ?> versions) {
        return (Map<UUID, Long>) versions;
      }
      Map<UUID, Long> versions =
          Collections.synchronizedMap(
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                  return size() > ACCOUNTS;
                }
              });
      request.setAttribute(ATTRIBUTE, versions, RequestAttributes.SCOPE_SESSION);
      return versions;
    }
  }
}
