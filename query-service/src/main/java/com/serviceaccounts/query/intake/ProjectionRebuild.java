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
import java.util.stream.Collectors;
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
 *       applied, and in one transaction the copies replace the tables. The consumer resumes from
 *       its committed offsets; what it reads again is already in the new tables and is recognised
 *       as a duplicate (company sequence), so nothing is lost or applied twice.
 * </ol>
 *
 * Security entries are not events and are left as they are.
 */
@Component
public class ProjectionRebuild implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
  private static final int BATCH = 5000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
  private static final Duration GAP_PATIENCE = Duration.ofSeconds(30);

  /** The projections' tables, as they name them ({@link Projection#tables()}). */
  private final List<ProjectedTable> tables;

  /** The names of those only appended to, never read back: no key is needed to fill them. */
  private final Set<String> appendOnly;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final TransactionTemplate transaction;
  private final Projections projections;
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
    this.tables = projections.tables();
    this.appendOnly =
        tables.stream()
            .filter(ProjectedTable::appendOnly)
            .map(ProjectedTable::name)
            .collect(Collectors.toUnmodifiableSet());
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
    private Future<EventStoreReader.Page> ahead;

    Pages(EventStoreReader eventStore, ExecutorService reader) {
      this.eventStore = eventStore;
      this.reader = reader;
    }

    /**
     * The page after {@code globalIndex}; the next one is then read ahead. A page read ahead is
     * used only if it starts where asked (after a gap the same page is asked for again) and is not
     * empty (an empty one may have been read before the events that follow were committed).
     */
    EventStoreReader.Page after(long globalIndex) throws InterruptedException {
      EventStoreReader.Page page = null;
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
      if (page == null || page.events().isEmpty()) {
        page = eventStore.after(globalIndex, BATCH);
      }
      if (!page.events().isEmpty()) {
        long next = page.events().get(page.events().size() - 1).globalIndex();
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
          for (String table : tableNames()) {
            jdbc.sql(
                    "CREATE TABLE rebuild.%s (LIKE public.%s INCLUDING ALL EXCLUDING INDEXES)"
                        .formatted(table, table))
                .update();
            if (!appendOnly.contains(table)) {
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
    for (String table : tableNames()) {
      List<String> keys = appendOnly.contains(table) ? constraints(table, "p") : List.of();
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

  private List<String> tableNames() {
    return tables.stream().map(ProjectedTable::name).toList();
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
                appendOnly,
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

  private void switchOver() {
    transaction.executeWithoutResult(
        tx -> {
          jdbc.sql("DROP SCHEMA IF EXISTS replaced CASCADE").update();
          jdbc.sql("CREATE SCHEMA replaced").update();
          for (String table : tableNames()) {
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
