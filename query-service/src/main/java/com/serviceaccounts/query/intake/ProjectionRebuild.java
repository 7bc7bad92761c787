package com.serviceaccounts.query.intake;

import com.serviceaccounts.intake.Admissions;
import com.serviceaccounts.intake.VersionGapException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection of the events (listing, audit trail with its hash chains, company
 * positions: the tables each {@link Projection} names) from command-service's event store while the
 * live feed keeps updating the current ones, then switches over.
 *
 * <ol>
 *   <li><b>Copying.</b> Empty copies of the projection tables are made in schema {@code rebuild},
 *       and the stored events, read from command-service's event stream (which never reaches past a
 *       hole that may still fill), are applied to them in the order they were stored, 5,000 per
 *       transaction, by the very code the live feed uses ({@link Projections}): each transaction
 *       sets {@code search_path} to {@code rebuild}, so the projections' unqualified table names
 *       mean the copies. The copies have only the primary keys the projections look rows up by (the
 *       audit trail's entries are only appended, and get theirs later too); the other indexes and
 *       constraints, with their names, are built once the copy has caught up (one sort each,
 *       instead of an update per row), before the last events are applied. The rows of the tables
 *       only appended to are copied on a connection of their own ({@link AppendWriter}) while the
 *       next events are applied. A copy's transaction does not wait for its commit to reach the
 *       disk: a crash loses the rebuild, which is started again, never the current tables.
 *   <li><b>Switching.</b> Once caught up, the live feed's consumer is paused, the last events are
 *       applied, and in one transaction the copies replace the tables, after taking over from them
 *       what is not in the events ({@link ProjectedTable#carryOver()}: the last use of accounts and
 *       secrets, from usage reports). The consumer resumes from its committed offsets; what it
 *       reads again is already in the new tables and is recognised as a duplicate (company
 *       sequence), so nothing is lost or applied twice.
 * </ol>
 *
 * Security entries are not events and are left as they are. The copies' tables are {@link
 * RebuildSchema}'s; the pages of the event store come from {@link EventStorePages}.
 */
@Component
public class ProjectionRebuild implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
  private static final int BATCH = 5000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final Duration GAP_PATIENCE = Duration.ofSeconds(30);

  private final RebuildSchema schema;
  private final JdbcTemplate jdbcTemplate;
  private final TransactionTemplate transaction;
  private final Projections projections;
  private final KafkaListenerEndpointRegistry listeners;
  private final ExecutorService runner = daemonThread("projection-rebuild");
  private final EventStorePages pages;
  private final AtomicReference<RebuildStatus> status =
      new AtomicReference<>(RebuildStatus.never());

  ProjectionRebuild(
      JdbcTemplate jdbcTemplate,
      TransactionTemplate transaction,
      Projections projections,
      EventStoreReader eventStore,
      KafkaListenerEndpointRegistry listeners) {
    this.schema =
        new RebuildSchema(projections.tables(), jdbcTemplate.getDataSource(), transaction);
    this.jdbcTemplate = jdbcTemplate;
    this.transaction = transaction;
    this.projections = projections;
    this.listeners = listeners;
    this.pages = new EventStorePages(eventStore, BATCH, daemonThread("projection-rebuild-reader"));
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Starts a rebuild in the background.
   *
   * @throws IllegalStateException if one is running
   */
  public RebuildStatus start() {
    RebuildStatus current = status.get();
    RebuildStatus started = RebuildStatus.started(Instant.now());
    if (current.running() || !status.compareAndSet(current, started)) {
      throw new IllegalStateException("a projection rebuild is running already");
    }
    runner.execute(this::run);
    return started;
  }

  public RebuildStatus status() {
    return status.get();
  }

  private void run() {
    MessageListenerContainer live =
        listeners.getListenerContainer(ServiceAccountEventListener.LISTENER_ID);
    AppendWriter appends =
        new AppendWriter(transaction, jdbcTemplate, ProjectionRebuild::intoCopies);
    try {
      schema.prepareCopies();
      long applied = copyUntilCaughtUp(appends, 0, 0, "COPYING");
      appends.awaitCommitted();
      schema.indexCopies();
      applied = copyUntilCaughtUp(appends, status.get().lastGlobalIndex(), applied, "COPYING");
      if (live != null) {
        live.pause();
        awaitPaused(live);
      }
      long last = status.get().lastGlobalIndex();
      applied = copyUntilCaughtUp(appends, last, applied, "SWITCHING");
      appends.awaitCommitted();
      schema.switchOver();
      status.updateAndGet(s -> s.done(Instant.now()));
      RebuildStatus done = status.get();
      log.info(
          "projection rebuild done: {} events in {} ms ({} events/s); projections switched",
          done.eventsApplied(),
          Duration.between(done.startedAt(), done.finishedAt()).toMillis(),
          String.format(Locale.ROOT, "%.0f", done.eventsPerSecond()));
    } catch (RuntimeException | InterruptedException e) {
      log.error("projection rebuild failed; the current projections stay in use", e);
      status.updateAndGet(s -> s.failed(Instant.now(), String.valueOf(e.getMessage())));
      appends.close();
      schema.dropCopies();
    } finally {
      appends.close();
      if (live != null) {
        live.resume();
      }
    }
  }

  /**
   * Applies stored events after {@code from} until there are none, handing the appended rows to
   * {@code appends}; returns the running count.
   */
  private long copyUntilCaughtUp(AppendWriter appends, long from, long appliedBefore, String phase)
      throws InterruptedException {
    long last = from;
    long applied = appliedBefore;
    Instant nextReport = Instant.now().plus(PROGRESS_EVERY);
    Instant gapSince = null;
    while (true) {
      EventStoreReader.Page page = pages.after(last);
      List<EventStoreReader.Stored> batch = page.events();
      if (batch.isEmpty()) {
        if (page.head() <= last) {
          return applied;
        }
        // The next place belongs to a transaction that has not committed yet.
        Thread.sleep(50);
        continue;
      }
      List<CopyRows> appended;
      try {
        appended =
            CopyRows.collecting(
                schema.appendOnly(),
                () ->
                    transaction.executeWithoutResult(
                        tx -> {
                          intoCopies(jdbcTemplate);
                          Admissions outcome =
                              projections.apply(
                                  batch.stream().map(EventStoreReader.Stored::envelope).toList());
                          if (!outcome.outOfStep().isEmpty()) {
                            // The event store's own order: an account's events never out of step.
                            throw new TreeMap<>(outcome.outOfStep()).firstEntry().getValue();
                          }
                          if (outcome.waiting() != null) {
                            throw outcome.waiting();
                          }
                        }));
      } catch (VersionGapException gap) {
        // An event stored with an earlier place is not committed yet: read the batch again.
        gapSince = gapSince == null ? Instant.now() : gapSince;
        if (Duration.between(gapSince, Instant.now()).compareTo(GAP_PATIENCE) > 0) {
          throw gap;
        }
        Thread.sleep(100);
        continue;
      }
      gapSince = null;
      appends.submit(appended);
      last = batch.get(batch.size() - 1).globalIndex();
      applied += batch.size();
      long head = page.head();
      long lastIndex = last;
      long count = applied;
      status.updateAndGet(s -> s.progress(phase, count, lastIndex, head));
      if (Instant.now().isAfter(nextReport)) {
        RebuildStatus now = status.get();
        log.info(
            "projection rebuild {}: {} events applied, at {} of {} in the event store, {} events/s",
            phase,
            now.eventsApplied(),
            now.lastGlobalIndex(),
            now.eventStoreHead(),
            String.format(Locale.ROOT, "%.0f", now.eventsPerSecond()));
        nextReport = Instant.now().plus(PROGRESS_EVERY);
      }
    }
  }

  /**
   * Points the transaction's unqualified table names at the copies, and lets its commit return
   * before it reaches the disk.
   */
  private static void intoCopies(JdbcTemplate jdbc) {
    jdbc.execute("SET LOCAL search_path TO rebuild");
    jdbc.execute("SET LOCAL synchronous_commit TO off");
  }

  private static void awaitPaused(MessageListenerContainer live) throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(60);
    while (!live.isContainerPaused() && live.isRunning()) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException("the live consumer did not pause within 60 s");
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void destroy() {
    runner.shutdownNow();
    pages.close();
  }
}
