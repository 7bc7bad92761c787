package com.serviceaccounts.token.credentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells the token endpoint that this instance committed a change of a client's credentials (its
 * creation, a new secret, any later event), so that a request waiting for them looks again at once
 * instead of on its next timeout. Only the waiters of that client id wake. Another instance's
 * commits reach no watch here; waiters therefore also look in the database on a short timeout.
 */
@Component
public class CredentialsChanges {

  /** The open watches by client id; also the monitor for every watch's count. */
  private final Map<String, List<Watch>> watches = new HashMap<>();

  /** Called once a transaction that changed the client's credentials has committed. */
  public void committed(String clientId) {
    synchronized (watches) {
      List<Watch> watching = watches.get(clientId);
      if (watching != null) {
        watching.forEach(watch -> watch.changes++);
        watches.notifyAll();
      }
    }
  }

  /** Starts watching a client id's changes; close the watch when done. */
  public Watch watch(String clientId) {
    Watch watch = new Watch(clientId);
    synchronized (watches) {
      watches.computeIfAbsent(clientId, client -> new ArrayList<>(1)).add(watch);
    }
    return watch;
  }

  /** One waiter's view of one client id's changes committed here. */
  public final class Watch implements AutoCloseable {

    private final String clientId;
    private long changes;
    private long seen;

    private Watch(String clientId) {
      this.clientId = clientId;
    }

    /**
     * Waits until a change of the client's credentials commits here that this watch has not yet
     * reported, at most {@code timeout}.
     *
     * @return whether one did
     */
    public boolean awaitChange(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (watches) {
        long left;
        while (changes == seen && (left = deadline - System.nanoTime()) > 0) {
          watches.wait(Math.max(1, left / 1_000_000));
        }
        boolean changed = changes != seen;
        seen = changes;
        return changed;
      }
    }

    @Override
    public void close() {
      synchronized (watches) {
        List<Watch> watching = watches.get(clientId);
        if (watching != null && watching.remove(this) && watching.isEmpty()) {
          watches.remove(clientId);
        }
      }
    }
  }
}
