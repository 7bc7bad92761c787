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
 * ever. A version written here is waited for {@value #WAITS} times at most (each wait up to
 * query-service's, 2 s by default, and the page reloads a second later: about a minute); then the
 * page shows the account as it is, saying the change has not shown yet (its event may be held for
 * an operator), instead of reloading for as long as it stays open. Kept in the session, the last
 * hundred accounts, and forgotten when another user signs in over it.
 */
final class WrittenVersions {

  /** How many times a page waits for a version written here. */
  static final int WAITS = 20;

  private static final String ATTRIBUTE = WrittenVersions.class.getName();
  private static final int ACCOUNTS = 100;

  private WrittenVersions() {}

  /** Notes that the user's change gave the account {@code version}. */
  static void wrote(UUID account, long version) {
    versions()
        .merge(
            account,
            new Write(version, 0),
            (kept, next) -> next.version() > kept.version() ? next : kept);
  }

  /** What a page does about a version in its address. */
  enum Wait {
    /** Waits for it: the user wrote it here; the wait is counted. */
    WAIT,
    /**
     * Shows the account as it is, saying the change may not show yet: the user wrote it here and
     * the pages have waited for it {@value #WAITS} times.
     */
    OVERDUE,
    /** Shows the account as it is: no change of the user's here (or no version at all). */
    NONE
  }

  /** What a page does about {@code version} of the account; counts the wait if it waits. */
  static Wait waitFor(UUID account, Long version) {
    if (version == null || version < 1) {
      return Wait.NONE; // every account is at version 1 or later
    }
    Map<UUID, Write> versions = versions();
    synchronized (versions) {
      Write written = versions.get(account);
      if (written == null || written.version() < version) {
        return Wait.NONE;
      }
      if (written.waits() >= WAITS) {
        return Wait.OVERDUE;
      }
      versions.put(account, new Write(written.version(), written.waits() + 1));
      return Wait.WAIT;
    }
  }

  /** The signed-in user's written versions, in the session. */
  private static Map<UUID, Write> versions() {
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
  private record Written(String subject, Map<UUID, Write> versions) implements Serializable {}

  /** The latest version the user wrote of an account, and how often a page has waited for it. */
  private record Write(long version, int waits) implements Serializable {}

  /** The last {@value #ACCOUNTS} accounts written. */
  private static final class Recent extends LinkedHashMap<UUID, Write> {

    Recent() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Write> eldest) {
      return size() > ACCOUNTS;
    }
  }
}
