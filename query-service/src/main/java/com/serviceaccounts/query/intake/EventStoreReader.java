package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventStreamPage;
import com.serviceaccounts.query.commandservice.CommandServiceApi;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads command-service's event store in the order it was written, through command-service's event
 * stream ({@link CommandServiceApi#eventsAfter}, never its database): the source of a rebuild,
 * which therefore does not depend on how long Kafka keeps records.
 */
@Component
class EventStoreReader {

  private final CommandServiceApi commandService;

  EventStoreReader(CommandServiceApi commandService) {
    this.commandService = commandService;
  }

  /** An event with its place in the event store. */
  record Stored(long globalIndex, EventEnvelope envelope) {}

  /**
   * Events after a place, and the newest event's place ({@code head}). The events stop before a
   * place that may still fill, so an empty page with a head beyond the place asked for means: wait.
   */
  record Page(List<Stored> events, long head) {}

  /** Up to {@code limit} events after {@code globalIndex}, in the order they were stored. */
  Page after(long globalIndex, int limit) {
    EventStreamPage page = commandService.eventsAfter(globalIndex, limit);
    return new Page(
        page.events().stream().map(e -> new Stored(e.position(), e.event())).toList(), page.head());
  }
}
