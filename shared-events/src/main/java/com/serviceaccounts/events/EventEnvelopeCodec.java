package com.serviceaccounts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.events.text.CorrelationIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Maps an {@link EventEnvelope} to a CloudEvent and back. On Kafka (binary content mode) the
 * attributes become {@code ce_*} headers and the record value is the event's JSON:
 *
 * <pre>
 * ce_specversion  1.0
 * ce_id           event id (UUID)
 * ce_source       urn:service-accounts:command-service
 * ce_type         the event type and its revision, e.g. com.serviceaccounts.ServiceAccountCreated.v2
 * ce_dataschema   the $id of the data's JSON Schema, e.g.
 *                 urn:service-accounts:event-schema:ServiceAccountCreated.v2
 * ce_subject      account id
 * ce_time         when the event was stored (RFC 3339)
 * ce_companyid    company id
 * ce_accountversion  the account's version after the event (1, 2, ...)
 * ce_companysequence the event's place among the company's events (1, 2, ...)
 * ce_actor        who caused it
 * ce_actortype    user, service_account or system
 * ce_correlationid   the request it belongs to
 * content-type    application/json
 * </pre>
 *
 * <p>Events are written at their type's current revision. Any earlier revision is read as the
 * current one ({@link EventRevisions}), so records a previous release published stay readable; a
 * later revision than this code knows is an unknown type.
 */
public final class EventEnvelopeCodec {

  public static final URI SOURCE = URI.create("urn:service-accounts:command-service");
  public static final String COMPANY_ID = "companyid";
  public static final String ACCOUNT_VERSION = "accountversion";
  public static final String COMPANY_SEQUENCE = "companysequence";
  public static final String ACTOR = "actor";
  public static final String ACTOR_TYPE = "actortype";
  public static final String CORRELATION_ID = "correlationid";

  private final ObjectMapper json;

  public EventEnvelopeCodec(ObjectMapper json) {
    this.json = json;
  }

  public EventEnvelopeCodec() {
    this(EventJson.newMapper());
  }

  public CloudEvent toCloudEvent(EventEnvelope envelope) {
    try {
      return CloudEventBuilder.v1()
          .withId(envelope.eventId().toString())
          .withSource(SOURCE)
          .withType(envelope.type().cloudEventType())
          .withDataSchema(envelope.type().schemaId(envelope.type().revision()))
          .withSubject(envelope.accountId().toString())
          .withTime(envelope.occurredAt().atOffset(ZoneOffset.UTC))
          .withDataContentType("application/json")
          .withExtension(COMPANY_ID, envelope.companyId().toString())
          .withExtension(ACCOUNT_VERSION, Long.toString(envelope.version()))
          .withExtension(COMPANY_SEQUENCE, Long.toString(envelope.companySequence()))
          .withExtension(ACTOR, envelope.actor())
          .withExtension(ACTOR_TYPE, envelope.actorType())
          .withExtension(CORRELATION_ID, envelope.correlationId())
          .withData(json.writeValueAsBytes(envelope.payload()))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + envelope.eventId() + " cannot be written", e);
    }
  }

  /**
   * Reads a CloudEvent back into an envelope.
   *
   * @throws UnreadableEventException if the type is unknown, an attribute is missing or malformed,
   *     or the data does not parse as the type's payload
   */
  public EventEnvelope fromCloudEvent(CloudEvent event) {
    EventType.Revisioned revisioned =
        EventType.fromCloudEventType(event.getType())
            .orElseThrow(
                () -> new UnreadableEventException("unknown event type " + event.getType()));
    EventType type = revisioned.type();
    try {
      ServiceAccountEvent payload = payload(event, revisioned);
      return new EventEnvelope(
          UUID.fromString(event.getId()),
          type,
          UUID.fromString(required(event.getSubject(), "subject")),
          UUID.fromString(extension(event, COMPANY_ID)),
          Long.parseLong(extension(event, ACCOUNT_VERSION)),
          Long.parseLong(extension(event, COMPANY_SEQUENCE)),
          time(event),
          checked(event, ACTOR, "actor", Actors::defect),
          checked(event, ACTOR_TYPE, "actor type", Actors::typeDefect),
          checked(event, CORRELATION_ID, "correlation id", CorrelationIds::defect),
          payload);
    } catch (RuntimeException e) {
      if (e instanceof UnreadableEventException unreadable) {
        throw unreadable;
      }
      throw unreadable(event, e);
    }
  }

  /**
   * An extension that must follow the rule it follows where it enters at an edge: the actor as a
   * token's {@code sub} ({@link Actors#defect}: a formula an audit export would write into a
   * spreadsheet is refused, say), the correlation id as an edge makes one ({@link
   * CorrelationIds#defect}). A record that breaks it is not read.
   */
  private static String checked(
      CloudEvent event, String name, String said, UnaryOperator<String> defect) {
    String value = extension(event, name);
    String wrong = defect.apply(value);
    if (wrong != null) {
      throw new IllegalArgumentException("its " + said + " " + wrong);
    }
    return value;
  }

  /**
   * The event's time, between the years 1 and 9999: what the stores' times and ISO-8601's
   * four-digit years hold.
   */
  private static Instant time(CloudEvent event) {
    return ReportedTimes.requireFourDigitYears(
        "its time", required(event.getTime(), "time").toInstant());
  }

  private ServiceAccountEvent payload(CloudEvent event, EventType.Revisioned revisioned) {
    try {
      return EventRevisions.read(json, revisioned.type(), revisioned.revision(), data(event));
    } catch (UnreadableEventException e) {
      throw unreadable(event, e);
    }
  }

  private static UnreadableEventException unreadable(CloudEvent event, RuntimeException cause) {
    return new UnreadableEventException(
        "event "
            + event.getId()
            + " of type "
            + event.getType()
            + " is unreadable: "
            + cause.getMessage(),
        cause);
  }

  private static byte[] data(CloudEvent event) {
    CloudEventData data = required(event.getData(), "data");
    return data.toBytes();
  }

  private static String extension(CloudEvent event, String name) {
    Object value = required(event.getExtension(name), name);
    return value.toString();
  }

  private static <T> T required(T value, String attribute) {
    if (value == null) {
      throw new UnreadableEventException("missing CloudEvents attribute " + attribute);
    }
    return value;
  }
}
