package com.serviceaccounts.query.intake;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a rebuild's copies into the tables the projections only append to, on a thread and a
 * connection of its own, while the rebuild applies the next events: the rebuild thread and its
 * PostgreSQL backend no longer take turns over those rows. Each batch of copies is one transaction,
 * committed in the order submitted; at most {@value #WAITING} batches wait, a further {@link
 * #submit} waits for room. The first failure is kept, nothing after it is copied, and the next
 * {@link #submit} or {@link #awaitCommitted} throws it.
 */
final class AppendWriter implements AutoCloseable {

  private static final int WAITING = 2;
  private static final long CLOSE_PATIENCE_SECONDS = 60;
  private static final Logger log = LoggerFactory.getLogger(AppendWriter.class);

  private final TransactionTemplate transaction;
  private final JdbcTemplate jdbc;
  private final Consumer<JdbcTemplate> beforeCopies;
  private final ExecutorService thread;
  private final Semaphore room = new Semaphore(WAITING);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  /**
   * @param beforeCopies run first in each transaction (for the rebuild: which schema's tables)
   */
  AppendWriter(
      TransactionTemplate transaction, JdbcTemplate jdbc, Consumer<JdbcTemplate> beforeCopies) {
    this.transaction = transaction;
    this.jdbc = jdbc;
    this.beforeCopies = beforeCopies;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread writer = new Thread(task, "projection-rebuild-appends");
              writer.setDaemon(true);
              return writer;
            });
  }

  /** Copies the rows in a transaction of their own, after those submitted before. */
  void submit(List<CopyRows> copies) throws InterruptedException {
    rethrowFailure();
    if (copies.isEmpty()) {
      return;
    }
    room.acquire();
    try {
      thread.execute(() -> copy(copies));
    } catch (RuntimeException e) {
      room.release();
      throw e;
    }
  }

  private void copy(List<CopyRows> copies) {
    try {
      if (failure.get() == null) {
        transaction.executeWithoutResult(
            tx -> {
              beforeCopies.accept(jdbc);
              copies.forEach(rows -> rows.copy(jdbc));
            });
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      room.release();
    }
  }

  /** Returns once every batch submitted is committed; throws the first failure. */
  void awaitCommitted() throws InterruptedException {
    room.acquire(WAITING);
    room.release(WAITING);
    rethrowFailure();
  }

  private void rethrowFailure() {
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException(
          "copying the rebuild's appended rows failed: " + failed.getMessage(), failed);
    }
  }

  /**
   * Drops what waits and returns once the batch being copied, if any, has ended (or after {@value
   * #CLOSE_PATIENCE_SECONDS} s, or when interrupted).
   */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(CLOSE_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
        log.warn(
            "the rebuild's appended rows were still being copied after {} s",
            CLOSE_PATIENCE_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
