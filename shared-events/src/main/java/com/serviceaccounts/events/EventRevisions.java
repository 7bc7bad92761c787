package com.serviceaccounts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads an event's JSON of any revision as its type's current revision: the one upcaster chain,
 * applied wherever stored or published JSON becomes an event (command-service's event store through
 * Axon's upcaster chain, the Kafka consumers through {@link EventEnvelopeCodec}, and whoever reads
 * the event store's rows directly).
 *
 * <p>Each type has one step per revision after the first: step {@code n} turns revision {@code n}
 * into revision {@code n + 1}. Steps change the JSON only (never the meaning), so an event read at
 * any revision is the same fact.
 */
public final class EventRevisions {

  private static final Map<EventType, List<UnaryOperator<ObjectNode>>> STEPS =
      Map.of(
          EventType.SERVICE_ACCOUNT_CREATED,
          // Revision 2: the contact email is sealed with the account's own key (pd1:...), which
          // is destroyed when the account is purged; "encrypted" hid that it can be made
          // unreadable.
          List.of(renamed("encryptedContactEmail", "sealedContactEmail")));

  private EventRevisions() {}

  /**
   * The revision a stored event's revision attribute names: Axon's {@code payloadrevision}, which
   * is {@code null} for an event stored before events carried one, i.e. revision 1.
   *
   * @throws UnreadableEventException if it is not a revision number
   */
  public static int revision(String stored) {
    if (stored == null) {
      return 1;
    }
    try {
      int revision = Integer.parseInt(stored);
      if (revision >= 1) {
        return revision;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new UnreadableEventException("not an event revision: " + stored);
  }

  /** The steps from revision 1 to the current revision of {@code type}, in order. */
  static List<UnaryOperator<ObjectNode>> steps(EventType type) {
    return STEPS.getOrDefault(type, List.of());
  }

  /**
   * The event's JSON at the current revision of its type; {@code data} is changed in place.
   *
   * @throws UnreadableEventException if the revision is later than the current one, or the JSON is
   *     not an object
   */
  public static ObjectNode toCurrent(EventType type, int revision, JsonNode data) {
    if (revision < 1 || revision > type.revision()) {
      throw new UnreadableEventException(
          type.shortName() + " has no revision " + revision + "; the newest is " + type.revision());
    }
    if (!(data instanceof ObjectNode object)) {
      throw new UnreadableEventException(
          type.shortName() + " revision " + revision + " is not a JSON object");
    }
    ObjectNode current = object;
    for (UnaryOperator<ObjectNode> step : steps(type).subList(revision - 1, type.revision() - 1)) {
      current = step.apply(current);
    }
    return current;
  }

  /**
   * The event that {@code data}, an event of {@code type} at {@code revision}, records.
   *
   * @throws UnreadableEventException if it is not such an event
   */
  public static ServiceAccountEvent read(
      ObjectMapper json, EventType type, int revision, byte[] data) {
    try {
      return json.treeToValue(toCurrent(type, revision, json.readTree(data)), type.payloadType());
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableEventException(
          type.shortName() + " revision " + revision + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static UnaryOperator<ObjectNode> renamed(String from, String to) {
    return event -> {
      JsonNode value = event.remove(from);
      if (value != null) {
        event.set(to, value);
      }
      return event;
    };
  }
}
