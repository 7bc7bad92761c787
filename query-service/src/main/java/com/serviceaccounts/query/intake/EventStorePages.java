package com.serviceaccounts.query.intake;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The event store's pages for a rebuild, each read (and its events deserialized) on a thread of its
 * own while the page before it is applied.
 */
final class EventStorePages {

  private final EventStoreReader eventStore;
  private final int pageSize;
  private final ExecutorService reader;
  private long aheadAfter = -1;
  private Future<EventStoreReader.Page> ahead;

  EventStorePages(EventStoreReader eventStore, int pageSize, ExecutorService reader) {
    this.eventStore = eventStore;
    this.pageSize = pageSize;
    this.reader = reader;
  }

  /**
   * The page after {@code globalIndex}; the next one is then read ahead. A page read ahead is used
   * only if it starts where asked (after a gap the same page is asked for again) and is not empty
   * (an empty one may have been read before the events that follow were committed).
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
      page = eventStore.after(globalIndex, pageSize);
    }
    if (!page.events().isEmpty()) {
      long next = page.events().get(page.events().size() - 1).globalIndex();
      aheadAfter = next;
      ahead = reader.submit(() -> eventStore.after(next, pageSize));
    }
    return page;
  }

  void close() {
    reader.shutdownNow();
  }
}
