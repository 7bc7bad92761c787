package com.serviceaccounts.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.util.List;

/**
 * A page of command-service's event stream ({@code GET /internal/events?after=&limit=}): the stored
 * events after a position, in the order they were stored, each with its position and as the same
 * CloudEvent that is published to Kafka (in the CloudEvents JSON format), and the position of the
 * newest event stored. A page never reaches past an event that may still be stored at a lower
 * position than one it holds, so reading on from its last position misses nothing.
 *
 * <pre>
 * {"head": 120000,
 *  "events": [{"position": 41, "event": {"specversion": "1.0", "id": "…",
 *              "type": "com.serviceaccounts.ServiceAccountCreated.v1", …, "data": {…}}}]}
 * </pre>
 *
 * @param events in the order they were stored
 * @param head the newest event's position; 0 when there is none
 */
public record EventStreamPage(List<Positioned> events, long head) {

  /** Where command-service serves the stream, for the system's own services only. */
  public static final String PATH = "/internal/events";

  /** The most events a page holds. */
  public static final int MAX_LIMIT = 5000;

  /** The JSON media type of a page. */
  public static final String MEDIA_TYPE = "application/json";

  private static final ObjectMapper JSON =
      EventJson.newMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

  public EventStreamPage {
    events = List.copyOf(events);
  }

  /**
   * An event and its place in the event store.
   *
   * @param position the event store's number for it: rising in the order of storing, with holes
   */
  public record Positioned(long position, EventEnvelope event) {}

  /** The page as JSON. */
  public byte[] toJson(EventEnvelopeCodec codec) {
    try {
      return JSON.writeValueAsBytes(
          new Wire(
              head,
              events.stream()
                  .map(e -> new WireEvent(e.position(), codec.toCloudEvent(e.event())))
                  .toList()));
    } catch (IOException e) {
      throw new IllegalStateException("an event stream page cannot be written", e);
    }
  }

  /**
   * Reads a page.
   *
   * @throws UnreadableEventException if it is not a page or an event does not decode
   */
  public static EventStreamPage fromJson(byte[] json, EventEnvelopeCodec codec) {
    Wire wire;
    try {
      wire = JSON.readValue(json, Wire.class);
    } catch (IOException e) {
      throw new UnreadableEventException("not an event stream page: " + e.getMessage(), e);
    }
    if (wire.events() == null) {
      throw new UnreadableEventException("an event stream page without events");
    }
    return new EventStreamPage(
        wire.events().stream()
            .map(e -> new Positioned(e.position(), codec.fromCloudEvent(e.event())))
            .toList(),
        wire.head());
  }

  private record Wire(long head, List<WireEvent> events) {}

  private record WireEvent(long position, CloudEvent event) {}
}
