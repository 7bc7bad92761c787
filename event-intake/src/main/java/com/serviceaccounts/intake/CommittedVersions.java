package com.serviceaccounts.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells those waiting for a change of a key (an account, a client id) that this instance committed
 * it. The consumer reports each committed transaction's keys with their newest version ({@link
 * #committed}); a waiter {@link #watch watches} its key from before it first reads the key's
 * version until it is done. Only the waiters of the keys in a transaction wake, and they learn the
 * version without asking the database. Another instance's commits reach no watch here; waiters
 * therefore also look in the database on a short timeout.
 *
 * @param <K> what is watched
 */
public class CommittedVersions<K> {

  /** The open watches by key; also the monitor for every watch's version. */
  private final Map<K, List<Watch>> watches = new HashMap<>();

  /** Called once a transaction has committed: each key's newest version in it. */
  public void committed(Map<K, Long> newestVersions) {
    synchronized (watches) {
      boolean woken = false;
      for (Map.Entry<K, Long> key : newestVersions.entrySet()) {
        for (Watch watch : watches.getOrDefault(key.getKey(), List.of())) {
          watch.committed = Math.max(watch.committed, key.getValue());
          woken = true;
        }
      }
      if (woken) {
        watches.notifyAll();
      }
    }
  }

  /** Starts watching a key's commits; close the watch when done. */
  public Watch watch(K key) {
    Watch watch = new Watch(key);
    synchronized (watches) {
      watches.computeIfAbsent(key, k -> new ArrayList<>(1)).add(watch);
    }
    return watch;
  }

  int watchedKeys() {
    synchronized (watches) {
      return watches.size();
    }
  }

  /** One waiter's view of one key's commits in this instance since the watch began. */
  public final class Watch implements AutoCloseable {

    private final K key;
    private long committed;

    private Watch(K key) {
      this.key = key;
    }

    /**
     * Waits until this instance has committed the key at {@code minVersion} or later, at most
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
        List<Watch> watching = watches.get(key);
        if (watching != null && watching.remove(this) && watching.isEmpty()) {
          watches.remove(key);
        }
      }
    }
  }
}
