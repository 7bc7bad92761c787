package com.serviceaccounts.query.consistency;

import com.serviceaccounts.intake.CommittedVersions;
import com.serviceaccounts.query.web.ProjectionBehindException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: a reader who got version N of an account from command-service asks with {@code
 * minVersion=N}, and the read waits until this service has applied that version — at most {@code
 * service-accounts.read-your-writes.max-wait} (2 s) — or is refused with {@link
 * ProjectionBehindException}, never answered with older data. The account's version here is its
 * newest audit entry's, which is written in the same transaction as the listing and survives a
 * purge. Each wait holds a request thread, so at most {@code
 * service-accounts.read-your-writes.max-waiting} (50) reads wait at once, at most {@code
 * ...max-waiting-per-company} (10) of one company's, so that one company's callers (a page left
 * open on a change that does not come, many times over) cannot take every other company's waits,
 * and at most {@code ...max-waiting-per-caller} (10) of one caller's, so that a caller in many
 * companies cannot either; one more is refused at once the same way, and the threads stay free for
 * every other read.
 */
@Component
public class ReadYourWrites {

  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  private final JdbcClient jdbc;
  private final CommittedVersions<UUID> progress;
  private final Duration maxWait;
  private final Semaphore waiting;
  private final WaitCounts<UUID> waitingByCompany;
  private final WaitCounts<String> waitingByCaller;

  ReadYourWrites(
      JdbcClient jdbc,
      CommittedVersions<UUID> progress,
      @Value("${service-accounts.read-your-writes.max-wait:PT2S}") Duration maxWait,
      @Value("${service-accounts.read-your-writes.max-waiting:50}") int maxWaiting,
      @Value("${service-accounts.read-your-writes.max-waiting-per-company:10}")
          int maxWaitingPerCompany,
      @Value("${service-accounts.read-your-writes.max-waiting-per-caller:10}")
          int maxWaitingPerCaller) {
    this.jdbc = jdbc;
    this.progress = progress;
    this.maxWait = maxWait;
    this.waiting = new Semaphore(maxWaiting);
    this.waitingByCompany = new WaitCounts<>(maxWaitingPerCompany);
    this.waitingByCaller = new WaitCounts<>(maxWaitingPerCaller);
  }

  /**
   * Returns once the account is at {@code minVersion} or later; a null minimum asks nothing.
   *
   * @param caller who asks, as its token names it ({@link Authentication#getName()})
   */
  public void await(Authentication caller, UUID companyId, UUID accountId, Long minVersion) {
    if (minVersion == null) {
      return;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    // Watched from before the first look, so that a commit in between is not slept through.
    try (CommittedVersions<UUID>.Watch watch = progress.watch(accountId)) {
      long current = version(companyId, accountId);
      if (current >= minVersion) {
        return;
      }
      // One caller however its name is written: user:Bob@… and user:bob@… are one person's.
      String callerName = caller.getName().toLowerCase(Locale.ROOT);
      if (!takePlace(companyId, callerName)) {
        throw new ProjectionBehindException(accountId, minVersion, current, Duration.ZERO);
      }
      try {
        waitFor(watch, companyId, accountId, minVersion, current, deadline);
      } finally {
        releasePlace(companyId, callerName);
      }
    }
  }

  /** Takes a place to wait: the company's, the caller's and one of all; none if any is full. */
  private boolean takePlace(UUID companyId, String callerName) {
    if (!waitingByCompany.take(companyId)) {
      return false;
    }
    if (!waitingByCaller.take(callerName)) {
      waitingByCompany.release(companyId);
      return false;
    }
    if (!waiting.tryAcquire()) {
      waitingByCaller.release(callerName);
      waitingByCompany.release(companyId);
      return false;
    }
    return true;
  }

  private void releasePlace(UUID companyId, String callerName) {
    waiting.release();
    waitingByCaller.release(callerName);
    waitingByCompany.release(companyId);
  }

  private void waitFor(
      CommittedVersions<UUID>.Watch watch,
      UUID companyId,
      UUID accountId,
      long minVersion,
      long current,
      long deadline) {
    while (current < minVersion) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new ProjectionBehindException(accountId, minVersion, current, maxWait);
      }
      long committedHere;
      try {
        committedHere =
            watch.awaitVersion(minVersion, Duration.ofNanos(Math.min(left, LOOK_AGAIN.toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProjectionBehindException(accountId, minVersion, current, maxWait);
      }
      // Committed here, or else perhaps by another instance: then only the database knows.
      current = committedHere >= minVersion ? committedHere : version(companyId, accountId);
    }
  }

  private long version(UUID companyId, UUID accountId) {
    return jdbc.sql(
            "SELECT coalesce(max(account_version), 0) FROM audit_entry"
                + " WHERE account_id = :account AND company_id = :company")
        .param("account", accountId)
        .param("company", companyId)
        .query(Long.class)
        .single();
  }

  /** How many reads of each holder (a company, a caller) wait, while any does, up to a bound. */
  private static final class WaitCounts<K> {

    private final Map<K, Integer> waiting = new ConcurrentHashMap<>();
    private final int max;

    WaitCounts(int max) {
      this.max = max;
    }

    /** Counts one more of the holder's reads waiting, unless it has as many as it may. */
    boolean take(K holder) {
      if (waiting.merge(holder, 1, Integer::sum) <= max) {
        return true;
      }
      release(holder);
      return false;
    }

    void release(K holder) {
      waiting.computeIfPresent(holder, (key, n) -> n == 1 ? null : n - 1);
    }
  }
}
