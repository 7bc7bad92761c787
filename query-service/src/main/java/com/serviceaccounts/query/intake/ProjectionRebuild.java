package com.serviceaccounts.query.intake;

import com.serviceaccounts.intake.VersionGapException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection of the events (listing, audit trail with its hash chains, company
 * positions) from command-service's event store while the live feed keeps updating the current
 * ones, then switches over.
 *
 * <ol>
 *   <li><b>Copying.</b> Empty copies of the projection tables are made in schema {@code rebuild},
 *       and the stored events are applied to them in the order they were stored (never past a hole
 *       that may still fill: {@link #beforeOpenHole}), 5,000 per transaction, by the very code the
 *       live feed uses ({@link Projections}): each transaction sets {@code search_path} to {@code
 *       rebuild}, so the projections' unqualified table names mean the copies. The copies have only
 *       the primary keys the projections look rows up by (the audit trail's entries are only
 *       appended, and get theirs later too); the other indexes and constraints, with their names,
 *       are built once the copy has caught up (one sort each, instead of an update per row), before
 *       the last events are applied. The rows of the tables only appended to are copied on a
 *       connection of their own ({@link AppendWriter}) while the next events are applied. A copy's
 *       transaction does not wait for its commit to reach the disk: a crash loses the rebuild,
 *       which is started again, never the current tables.
 *   <li><b>Switching.</b> Once caught up, the live feed's consumer is paused, the last events are
 *       applied, and in one transaction the copies replace the tables. The consumer resumes from
 *       its committed offsets; what it reads again is already in the new tables and is recognised
 *       as a duplicate (company sequence), so nothing is lost or applied twice.
 * </ol>
 *
 * Security entries are not events and are left as they are.
 */
@Component
public class ProjectionRebuild implements DisposableBean {

  /** The tables the event projections own. */
  static final List<String> TABLES =
      List.of(
          "service_account",
          "purged_service_account",
          "audit_entry",
          "audit_chain_head",
          "company_event_position");

  /** The tables the projections only append to, never read a row of: no key is needed to fill. */
  private static final Set<String> APPEND_ONLY = Set.of("audit_entry");

  private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
  private static final int BATCH = 5000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final Duration GAP_PATIENCE = Duration.ofSeconds(30);
  static final Duration HOLE_PATIENCE = Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final TransactionTemplate transaction;
  private final Projections projections;
  private final EventStoreReader eventStore;
  private final KafkaListenerEndpointRegistry listeners;
  private final ExecutorService runner = daemonThread("projection-rebuild");
  private final Pages pages;
  private final AtomicReference<RebuildStatus> status =
      new AtomicReference<>(RebuildStatus.never());

  ProjectionRebuild(
      JdbcClient jdbc,
      JdbcTemplate jdbcTemplate,
      TransactionTemplate transaction,
      Projections projections,
      EventStoreReader eventStore,
      KafkaListenerEndpointRegistry listeners) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
    this.transaction = transaction;
    this.projections = projections;
    this.eventStore = eventStore;
    this.listeners = listeners;
    this.pages = new Pages(eventStore, daemonThread("projection-rebuild-reader"));
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
   * The event store's pages, each read (and its events deserialized) on a thread of its own while
   * the page before it is applied.
   */
  private static final class Pages {

    private final EventStoreReader eventStore;
    private final ExecutorService reader;
    private long aheadAfter = -1;
    private Future<List<EventStoreReader.Stored>> ahead;

    Pages(EventStoreReader eventStore, ExecutorService reader) {
      this.eventStore = eventStore;
      this.reader = reader;
    }

    /**
     * The page after {@code globalIndex}; the next one is then read ahead. A page read ahead is
     * used only if it starts where asked (after a gap the same page is asked for again) and is not
     * empty (an empty one may have been read before the events that follow were committed).
     */
    List<EventStoreReader.Stored> after(long globalIndex) throws InterruptedException {
      List<EventStoreReader.Stored> page = null;
      if (ahead != null && aheadAfter == globalIndex) {
        try {
          page = ahead.get();
        } catch (ExecutionException e) {
          // Read again below, where the failure is thrown to the caller.
        }
      } else if (ahead != null) {
        ahead.cancel(false);
      }
      ahead = null;
      if (page == null || page.isEmpty()) {
        page = eventStore.after(globalIndex, BATCH);
      }
      if (!page.isEmpty()) {
        long next = page.get(page.size() - 1).globalIndex();
        aheadAfter = next;
        ahead = reader.submit(() -> eventStore.after(next, BATCH));
      }
      return page;
    }
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
      prepareCopies();
      long applied = copyUntilCaughtUp(appends, 0, 0, "COPYING");
      appends.awaitCommitted();
      indexCopies();
      applied = copyUntilCaughtUp(appends, status.get().lastGlobalIndex(), applied, "COPYING");
      if (live != null) {
        live.pause();
        awaitPaused(live);
      }
      long last = status.get().lastGlobalIndex();
      applied = copyUntilCaughtUp(appends, last, applied, "SWITCHING");
      appends.awaitCommitted();
      switchOver();
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
      jdbc.sql("DROP SCHEMA IF EXISTS rebuild CASCADE").update();
    } finally {
      appends.close();
      if (live != null) {
        live.resume();
      }
    }
  }

  private void prepareCopies() {
    transaction.executeWithoutResult(
        tx -> {
          jdbc.sql("DROP SCHEMA IF EXISTS rebuild CASCADE").update();
          jdbc.sql("CREATE SCHEMA rebuild").update();
          for (String table : TABLES) {
            jdbc.sql(
                    "CREATE TABLE rebuild.%s (LIKE public.%s INCLUDING ALL EXCLUDING INDEXES)"
                        .formatted(table, table))
                .update();
            if (!APPEND_ONLY.contains(table)) {
              constraints(table, "p").forEach(this::execute);
            }
          }
        });
  }

  /**
   * The other indexes and the unique constraints of the tables (and the primary keys of those only
   * appended to), as the current ones have them; then the tables' statistics.
   */
  private void indexCopies() {
    Instant start = Instant.now();
    for (String table : TABLES) {
      List<String> keys = APPEND_ONLY.contains(table) ? constraints(table, "p") : List.of();
      for (String statement :
          Stream.of(keys, constraints(table, "u"), plainIndexes(table))
              .flatMap(List::stream)
              .toList()) {
        transaction.executeWithoutResult(tx -> execute(statement));
      }
      // Statistics for the planner, which fresh tables have none of: without them the first
      // queries after the switch are planned blind (a million-entry audit page took seconds).
      execute("ANALYZE rebuild." + table);
    }
    log.info(
        "projection rebuild: indexes built and statistics gathered in {} ms",
        Duration.between(start, Instant.now()).toMillis());
  }

  /**
   * {@code ALTER TABLE rebuild.<table> ADD CONSTRAINT ...} for each constraint of the current table
   * of a kind ({@code p} primary key, {@code u} unique).
   */
  private List<String> constraints(String table, String kind) {
    return jdbc.sql(
            """
            SELECT format('ALTER TABLE rebuild.%I ADD CONSTRAINT %I %s',
                          :table, conname, pg_get_constraintdef(oid))
              FROM pg_constraint
             WHERE conrelid = to_regclass('public.' || :table) AND contype = :kind
             ORDER BY conname
            """)
        .param("table", table)
        .param("kind", kind)
        .query(String.class)
        .list();
  }

  /** {@code CREATE INDEX ... ON rebuild.<table>} for each index no constraint owns. */
  private List<String> plainIndexes(String table) {
    return jdbc.sql(
            """
            SELECT regexp_replace(pg_get_indexdef(i.indexrelid), ' ON (public\\.)?(\\S+) ',
                                  ' ON rebuild.\\2 ')
              FROM pg_index i
             WHERE i.indrelid = to_regclass('public.' || :table)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
             ORDER BY i.indexrelid
            """)
        .param("table", table)
        .query(String.class)
        .list();
  }

  private void execute(String ddl) {
    jdbc.sql(ddl).update();
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
      List<EventStoreReader.Stored> page = pages.after(last);
      if (page.isEmpty()) {
        return applied;
      }
      List<EventStoreReader.Stored> batch = beforeOpenHole(page, last, Instant.now());
      if (batch.isEmpty()) {
        // The next place belongs to a transaction that has not committed yet.
        Thread.sleep(50);
        continue;
      }
      List<CopyRows> appended;
      try {
        appended =
            CopyRows.collecting(
                APPEND_ONLY,
                () ->
                    transaction.executeWithoutResult(
                        tx -> {
                          intoCopies(jdbcTemplate);
                          Projections.Outcome outcome =
                              projections.apply(
                                  batch.stream().map(EventStoreReader.Stored::envelope).toList());
                          if (outcome.firstGap() != null) {
                            throw outcome.firstGap();
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
      long head = eventStore.head();
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
   * The events of a page up to its first hole that may still fill. The event store numbers events
   * from a sequence as they are inserted, so a transaction that inserted earlier but has not
   * committed yet leaves a hole that its commit fills later: reading on past it would miss that
   * event. A hole is taken to be for good (a rolled-back transaction's number) once the event after
   * it was stored {@link #HOLE_PATIENCE} ago, as Axon's tracking processors do.
   */
  static List<EventStoreReader.Stored> beforeOpenHole(
      List<EventStoreReader.Stored> page, long after, Instant now) {
    Instant settled = now.minus(HOLE_PATIENCE);
    long expected = after + 1;
    for (int i = 0; i < page.size(); i++) {
      EventStoreReader.Stored event = page.get(i);
      if (event.globalIndex() != expected && event.envelope().occurredAt().isAfter(settled)) {
        return page.subList(0, i);
      }
      expected = event.globalIndex() + 1;
    }
    return page;
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

  private void switchOver() {
    transaction.executeWithoutResult(
        tx -> {
          jdbc.sql("DROP SCHEMA IF EXISTS replaced CASCADE").update();
          jdbc.sql("CREATE SCHEMA replaced").update();
          for (String table : TABLES) {
            jdbc.sql("ALTER TABLE public.%s SET SCHEMA replaced".formatted(table)).update();
            jdbc.sql("ALTER TABLE rebuild.%s SET SCHEMA public".formatted(table)).update();
          }
          jdbc.sql("DROP SCHEMA replaced CASCADE").update();
          jdbc.sql("DROP SCHEMA rebuild CASCADE").update();
        });
  }

  @Override
  public void destroy() {
    runner.shutdownNow();
    pages.reader.shutdownNow();
  }
}
