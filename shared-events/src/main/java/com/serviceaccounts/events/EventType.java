package com.serviceaccounts.events;

import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event types on the wire, each at its current revision. The CloudEvents {@code type} names the
 * event and its revision ({@code com.serviceaccounts.ServiceAccountCreated.v2}); a change of an
 * event's shape gets the next revision and a step in {@link EventRevisions}, which reads every
 * earlier revision as the current one. A change whose meaning cannot be carried over gets a new
 * type. docs/events.md has the maintainer's checklist.
 */
public enum EventType {
  SERVICE_ACCOUNT_CREATED(ServiceAccountCreated.class, 2),
  SERVICE_ACCOUNT_EDITED(ServiceAccountEdited.class, 1),
  SERVICE_ACCOUNT_PERMISSIONS_CHANGED(ServiceAccountPermissionsChanged.class, 1),
  CLIENT_SECRET_ROTATED(ClientSecretRotated.class, 1),
  SERVICE_ACCOUNT_DEACTIVATED(ServiceAccountDeactivated.class, 1),
  SERVICE_ACCOUNT_REACTIVATED(ServiceAccountReactivated.class, 1),
  SERVICE_ACCOUNT_DELETED(ServiceAccountDeleted.class, 1),
  SERVICE_ACCOUNT_RESTORED(ServiceAccountRestored.class, 1),
  SERVICE_ACCOUNT_PURGED(ServiceAccountPurged.class, 1);

  private static final String TYPE_PREFIX = "com.serviceaccounts.";
  private static final Pattern CLOUD_EVENT_TYPE =
      Pattern.compile(Pattern.quote(TYPE_PREFIX) + "([A-Za-z]+)\\.v([1-9][0-9]{0,8})");

  /** Where a schema's {@code $id} and an event's CloudEvents {@code dataschema} begin. */
  public static final String SCHEMA_ID_PREFIX = "urn:service-accounts:event-schema:";

  private final Class<? extends ServiceAccountEvent> payloadType;
  private final int revision;

  EventType(Class<? extends ServiceAccountEvent> payloadType, int revision) {
    this.payloadType = payloadType;
    this.revision = revision;
  }

  /** The current revision: the shape the payload class has, and the one that is published. */
  public int revision() {
    return revision;
  }

  /**
   * The CloudEvents {@code type} attribute of the current revision, e.g. {@code
   * com.serviceaccounts.ServiceAccountCreated.v2}.
   */
  public String cloudEventType() {
    return cloudEventType(revision);
  }

  /** The CloudEvents {@code type} attribute of one revision. */
  public String cloudEventType(int revision) {
    return TYPE_PREFIX + shortName() + ".v" + revision;
  }

  /**
   * The {@code $id} of the JSON Schema of one revision, also the CloudEvents {@code dataschema} of
   * an event of that revision, e.g. {@code
   * urn:service-accounts:event-schema:ServiceAccountCreated.v2}. The schema itself is the resource
   * {@link #schemaResource(int)}.
   */
  public URI schemaId(int revision) {
    return URI.create(SCHEMA_ID_PREFIX + shortName() + ".v" + revision);
  }

  /**
   * The class-path resource (in shared-events' jar) and the path under which the services serve it:
   * {@code events/schemas/ServiceAccountCreated.v2.json}.
   */
  public String schemaResource(int revision) {
    return "events/schemas/" + shortName() + ".v" + revision + ".json";
  }

  /**
   * The class-path resource with an example of one revision, as it was stored and published: {@code
   * events/examples/ServiceAccountCreated.v1.json}.
   */
  public String exampleResource(int revision) {
    return "events/examples/" + shortName() + ".v" + revision + ".json";
  }

  /** The short name used in APIs and the audit trail, e.g. {@code ServiceAccountCreated}. */
  public String shortName() {
    return payloadType.getSimpleName();
  }

  public Class<? extends ServiceAccountEvent> payloadType() {
    return payloadType;
  }

  public static EventType of(ServiceAccountEvent event) {
    return Arrays.stream(values())
        .filter(type -> type.payloadType == event.getClass())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event type for " + event.getClass()));
  }

  /** The type whose payload class this is, if it is an event's. */
  public static Optional<EventType> ofPayloadType(String className) {
    return Arrays.stream(values())
        .filter(type -> type.payloadType.getName().equals(className))
        .findFirst();
  }

  /**
   * The type and revision a CloudEvents {@code type} attribute names; empty for another type, and
   * for a revision later than the current one (an event from a newer producer, which this code
   * cannot read).
   */
  public static Optional<Revisioned> fromCloudEventType(String cloudEventType) {
    Matcher matcher = CLOUD_EVENT_TYPE.matcher(cloudEventType == null ? "" : cloudEventType);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int revision = Integer.parseInt(matcher.group(2));
    return Arrays.stream(values())
        .filter(type -> type.shortName().equals(matcher.group(1)) && revision <= type.revision)
        .findFirst()
        .map(type -> new Revisioned(type, revision));
  }

  /** An event type at one of its revisions. */
  public record Revisioned(EventType type, int revision) {}
}
