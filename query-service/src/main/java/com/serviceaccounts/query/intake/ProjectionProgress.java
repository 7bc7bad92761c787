package com.serviceaccounts.query.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tells readers waiting for an account's change that this instance committed it. The listener
 * reports each committed batch's accounts with their newest version ({@link #committed}); a reader
 * {@link #watch watches} its account from before it first reads the account's version until it is
 * done. Only the readers of the accounts in a batch wake, and they learn the version without asking
 * the database. Another instance's commits reach no watch here; readers therefore also look in the
 * database on a short timeout.
 */
@Component
public class ProjectionProgress {

  /** The open watches by account; also the monitor for every watch's version. */
  private final Map<UUID, List<Watch>> watches = new HashMap<>();

  /** Called once a transaction that applied events commits: each account's newest version. */
  void committed(Map<UUID, Long> newestVersions) {
    synchronized (watches) {
      boolean woken = false;
      for (Map.Entry<UUID, Long> account : newestVersions.entrySet()) {
        for (Watch watch : watches.getOrDefault(account.getKey(), List.of())) {
          watch.committed = Math.max(watch.committed, account.getValue());
          woken = true;
        }
      }
      if (woken) {
        watches.notifyAll();
      }
    }
  }

  /** Starts watching an account's commits; close the watch when done. */
  public Watch watch(UUID accountId) {
    Watch watch = new Watch(accountId);
    synchronized (watches) {
      watches.computeIfAbsent(accountId, account -> new ArrayList<>(1)).add(watch);
    }
    return watch;
  }

  int watchedAccounts() {
    synchronized (watches) {
      return watches.size();
    }
  }

  /** One reader's view of one account's commits in this instance since the watch began. */
  public final class Watch implements AutoCloseable {

    private final UUID accountId;
    private long committed;

    private Watch(UUID accountId) {
      this.accountId = accountId;
    }

    /**
     * Waits until this instance has committed the account at {@code minVersion} or later, at most
     * {@code timeout}.
     *
     * @return the newest version committed here since the watch began (0 if none)
     */
    public long awaitVersion(long minVersion, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (watches) {
        long left;
        while (committed < minVersion && (left = deadline - System.nanoTime()) > 0) {
          watches.wait(Math.max(1, left / 1_000_000));
        }
        return committed;
      }
    }

    @Override
    public void close() {
      synchronized (watches) {
        List<Watch> watching = watches.get(accountId);
        if (watching != null && watching.remove(this) && watching.isEmpty()) {
          watches.remove(accountId);
        }
      }
    }
  }
}
