package com.serviceaccounts.command.eventstream;

import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventStreamPage;
import com.serviceaccounts.events.StoredEvents;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event store as a stream, for the system's own services ({@code /internal}, a service
 * credential): query-service rebuilds its projections from it. Events come in the order they were
 * stored, from a position on, a page at a time ({@link EventStreamPage}), each as the CloudEvent
 * the publisher puts on Kafka: the same mapping ({@link StoredEvents}), and read through Axon's
 * serializer and upcasters, so an event stored in an older form comes out as Kafka carries it now.
 */
@RestController
class EventStreamController {

  /**
   * How long a hole in the event store's numbering may still fill. The store numbers events from a
   * sequence as they are inserted, so a transaction that has not committed yet leaves a hole that
   * its commit fills later; a hole is taken to be for good (a rolled-back transaction's number)
   * once the event after it was stored this long ago, as Axon's tracking processors take it.
   */
  static final Duration HOLE_PATIENCE = Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final Serializer serializer;
  private final org.axonframework.config.Configuration axon;
  private final Clock clock;
  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  EventStreamController(
      JdbcClient jdbc,
      @Qualifier("eventSerializer") Serializer serializer,
      org.axonframework.config.Configuration axon,
      Clock clock) {
    this.jdbc = jdbc;
    this.serializer = serializer;
    this.axon = axon;
    this.clock = clock;
  }

  /** A row of the event store, before Axon's serializer and upcasters read it. */
  record Row(long position, Instant storedAt, TrackedDomainEventData<byte[]> data) {}

  @GetMapping(path = EventStreamPage.PATH, produces = EventStreamPage.MEDIA_TYPE)
  byte[] page(
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "1000") int limit) {
    if (after < 0) {
      throw invalid("after", "after is a position, 0 or more; got " + after);
    }
    if (limit < 1 || limit > EventStreamPage.MAX_LIMIT) {
      throw invalid(
          "limit", "limit is 1 to " + EventStreamPage.MAX_LIMIT + " events; got " + limit);
    }
    long head =
        jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry")
            .query(Long.class)
            .single();
    List<Row> rows = beforeOpenHole(read(after, limit), after, clock.instant());
    List<EventStreamPage.Positioned> events = new ArrayList<>(rows.size());
    EventUtils.upcastAndDeserializeTrackedEvents(
            rows.stream().map(Row::data), serializer, axon.upcasterChain())
        .forEach(message -> events.add(positioned(message)));
    return new EventStreamPage(events, head).toJson(codec);
  }

  private List<Row> read(long after, int limit) {
    return jdbc.sql(
            """
            SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier,
                   timestamp, payloadtype, payloadrevision, payload, metadata
              FROM domainevententry WHERE globalindex > :after ORDER BY globalindex LIMIT :limit
            """)
        .param("after", after)
        .param("limit", limit)
        .query(
            (row, i) -> {
              long position = row.getLong("globalindex");
              String timestamp = row.getString("timestamp");
              return new Row(
                  position,
                  Instant.parse(timestamp),
                  new TrackedDomainEventData<>(
                      new GlobalSequenceTrackingToken(position),
                      new GenericDomainEventEntry<>(
                          row.getString("type"),
                          row.getString("aggregateidentifier"),
                          row.getLong("sequencenumber"),
                          row.getString("eventidentifier"),
                          timestamp,
                          row.getString("payloadtype"),
                          row.getString("payloadrevision"),
                          row.getBytes("payload"),
                          row.getBytes("metadata"))));
            })
        .list();
  }

  /**
   * The rows up to the first hole that may still fill ({@link #HOLE_PATIENCE}): reading on past it
   * would let a reader that continues from the page's last position miss the event that fills it.
   */
  static List<Row> beforeOpenHole(List<Row> rows, long after, Instant now) {
    Instant settled = now.minus(HOLE_PATIENCE);
    long expected = after + 1;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (row.position() != expected && row.storedAt().isAfter(settled)) {
        return rows.subList(0, i);
      }
      expected = row.position() + 1;
    }
    return rows;
  }

  private static EventStreamPage.Positioned positioned(TrackedEventMessage<?> message) {
    DomainEventMessage<?> event = (DomainEventMessage<?>) message;
    return new EventStreamPage.Positioned(
        ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex(),
        StoredEvents.envelope(
            event.getIdentifier(),
            event.getSequenceNumber(),
            event.getTimestamp(),
            event.getMetaData(),
            (ServiceAccountEvent) event.getPayload()));
  }

  private static ErrorResponseException invalid(String parameter, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create("urn:service-accounts:problem:invalid-parameter"));
    problem.setTitle("Invalid parameter");
    problem.setProperty("parameter", parameter);
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
