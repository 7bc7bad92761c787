package com.serviceaccounts.ui.pages;

import com.serviceaccounts.ui.signin.SignedInUser;
import com.serviceaccounts.ui.signin.SignedInUsers;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The versions the signed-in user's own changes in this session were given, by account: what its
 * pages wait for query-service to show (read-your-writes, {@code ?v=} and {@code ?after=}). A
 * version in the address that this user did not write here is no change of theirs, so the page
 * shows the account as it is, without waiting: a hand-made {@code ?v=9223372036854775807} would
 * otherwise hold one of query-service's waits and answer "your change is saved", reloading for
 * ever. Kept in the session, the last hundred accounts, and forgotten when another user signs in
 * over it.
 */
final class WrittenVersions {

  private static final String ATTRIBUTE = WrittenVersions.class.getName();
  private static final int ACCOUNTS = 100;

  private WrittenVersions() {}

  /** Notes that the user's change gave the account {@code version}. */
  static void wrote(UUID account, long version) {
    versions().merge(account, version, Math::max);
  }

  /** {@code version} if the user wrote it (or a later one) of the account here, else null. */
  static Long awaitable(UUID account, Long version) {
    if (version == null || version < 1) {
      return null; // every account is at version 1 or later
    }
    Long written = versions().get(account);
    return written != null && written >= version ? version : null;
  }

  /** The signed-in user's written versions, in the session. */
  private static Map<UUID, Long> versions() {
    String subject = SignedInUsers.find().map(SignedInUser::subject).orElse(null);
    RequestAttributes request = RequestContextHolder.currentRequestAttributes();
    synchronized (request.getSessionMutex()) {
      if (request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_SESSION) instanceof Written kept
          && kept.subject() != null
          && kept.subject().equals(subject)) {
        return kept.versions();
      }
      Written fresh = new Written(subject, Collections.synchronizedMap(new Recent()));
      request.setAttribute(ATTRIBUTE, fresh, RequestAttributes.SCOPE_SESSION);
      return fresh.versions();
    }
  }

  /** One user's written versions. */
  private record Written(String subject, Map<UUID, Long> versions) implements Serializable {}

  /** The last {@value #ACCOUNTS} accounts written. */
  private static final class Recent extends LinkedHashMap<UUID, Long> {

    Recent() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
      return size() > ACCOUNTS;
    }
  }
}
