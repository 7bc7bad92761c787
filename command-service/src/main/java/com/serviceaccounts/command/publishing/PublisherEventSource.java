package com.serviceaccounts.command.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the publisher reads: the event store, a storage batch at a time, woken the moment a
 * transaction that stored events commits in this JVM, and looking again every {@code poll-interval}
 * for events stored by other instances.
 *
 * <p>Axon's embedded event store would serve the publisher from a cache shared by its tracking
 * processors, filled by a thread that reads ahead of them as fast as the database answers. The
 * publisher is the only tracking processor here, so the cache saves nothing; and while it works
 * through a large backlog the cache's linked events ahead of it stay reachable until its next
 * clean-up, which took command-service past a 512 MiB heap at a million events. Reading the storage
 * engine directly holds one batch (the storage engine's batch size, set in AxonConfiguration) per
 * stream.
 */
@Component(PublisherEventSource.BEAN_NAME)
class PublisherEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

  static final String BEAN_NAME = "publisherEventSource";

  private final EventStorageEngine storage;
  private final Duration pollInterval;
  private final Commits commits = new Commits();

  PublisherEventSource(
      EventStorageEngine storage,
      EventStore eventStore,
      @Value("${service-accounts.publisher.poll-interval}") Duration pollInterval) {
    this.storage = storage;
    this.pollInterval = pollInterval;
    // Called once the events are appended, inside the transaction that stores them if there is
    // one: they can be read once it commits.
    eventStore.subscribe(
        stored -> {
          if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> commits.signal());
          } else {
            commits.signal();
          }
        });
  }

  @Override
  public TrackingEventStream openStream(TrackingToken from) {
    return new Reader(from);
  }

  @Override
  public TrackingToken createTailToken() {
    return storage.createTailToken();
  }

  @Override
  public TrackingToken createHeadToken() {
    return storage.createHeadToken();
  }

  @Override
  public TrackingToken createTokenAt(Instant dateTime) {
    return storage.createTokenAt(dateTime);
  }

  /** Counts commits that stored events; readers wait for the count to move. */
  private static final class Commits {

    private long count;

    synchronized long count() {
      return count;
    }

    synchronized void signal() {
      count++;
      notifyAll();
    }

    /** Waits until a commit after {@code seen}, at most {@code nanos}. */
    synchronized void awaitAfter(long seen, long nanos) throws InterruptedException {
      long deadline = System.nanoTime() + nanos;
      for (long left = nanos; count == seen && left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  /**
   * One processor thread's stream. The storage engine's stream fetches the next batch after the
   * last event it returned (minding gaps in the store's numbering) each time the current one runs
   * out, and finds nothing until more is committed.
   */
  private final class Reader implements TrackingEventStream {

    private final Stream<? extends TrackedEventMessage<?>> stream;
    private final Iterator<? extends TrackedEventMessage<?>> events;
    private TrackedEventMessage<?> next;

    /** The commit count when a fetch last found nothing, and when; -1 after one found events. */
    private long emptyAtCommits = -1;

    private long emptyAtNanos;

    Reader(TrackingToken from) {
      stream = storage.readEvents(from, false);
      events = stream.iterator();
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
      return Optional.ofNullable(fetched() ? next : null);
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      while (true) {
        // Read before looking, so that a commit while the batch is fetched is not slept through.
        long seen = commits.count();
        if (fetched()) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        commits.awaitAfter(seen, Math.min(left, pollInterval.toNanos()));
      }
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
      while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
        // waits again
      }
      TrackedEventMessage<?> event = next;
      next = null;
      return event;
    }

    /**
     * Whether an event is at hand, fetching a batch if none is. After a fetch that found nothing,
     * the store is asked again only once a commit here was signalled or the poll interval has
     * passed: the processor looks after every batch, and each look would otherwise be a query.
     */
    private boolean fetched() {
      if (next != null) {
        return true;
      }
      long commitsNow = commits.count();
      if (commitsNow == emptyAtCommits
          && System.nanoTime() - emptyAtNanos < pollInterval.toNanos()) {
        return false;
      }
      if (events.hasNext()) {
        next = events.next();
        emptyAtCommits = -1;
      } else {
        emptyAtCommits = commitsNow;
        emptyAtNanos = System.nanoTime();
      }
      return next != null;
    }

    @Override
    public void close() {
      stream.close();
    }
  }
}
