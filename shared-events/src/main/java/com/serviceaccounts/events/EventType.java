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
import java.util.Arrays;
import java.util.Optional;

/**
 * The event types on the wire. The CloudEvents {@code type} names the event and its revision; a
 * change of an event's shape gets a new revision (and an upcaster), a breaking change a new type.
 */
public enum EventType {
  SERVICE_ACCOUNT_CREATED(
      "com.serviceaccounts.ServiceAccountCreated.v1", ServiceAccountCreated.class),
  SERVICE_ACCOUNT_EDITED("com.serviceaccounts.ServiceAccountEdited.v1", ServiceAccountEdited.class),
  SERVICE_ACCOUNT_PERMISSIONS_CHANGED(
      "com.serviceaccounts.ServiceAccountPermissionsChanged.v1",
      ServiceAccountPermissionsChanged.class),
  CLIENT_SECRET_ROTATED("com.serviceaccounts.ClientSecretRotated.v1", ClientSecretRotated.class),
  SERVICE_ACCOUNT_DEACTIVATED(
      "com.serviceaccounts.ServiceAccountDeactivated.v1", ServiceAccountDeactivated.class),
  SERVICE_ACCOUNT_REACTIVATED(
      "com.serviceaccounts.ServiceAccountReactivated.v1", ServiceAccountReactivated.class),
  SERVICE_ACCOUNT_DELETED(
      "com.serviceaccounts.ServiceAccountDeleted.v1", ServiceAccountDeleted.class),
  SERVICE_ACCOUNT_RESTORED(
      "com.serviceaccounts.ServiceAccountRestored.v1", ServiceAccountRestored.class),
  SERVICE_ACCOUNT_PURGED("com.serviceaccounts.ServiceAccountPurged.v1", ServiceAccountPurged.class);

  private final String cloudEventType;
  private final Class<? extends ServiceAccountEvent> payloadType;

  EventType(String cloudEventType, Class<? extends ServiceAccountEvent> payloadType) {
    this.cloudEventType = cloudEventType;
    this.payloadType = payloadType;
  }

  /**
   * The CloudEvents {@code type} attribute, e.g. {@code
   * com.serviceaccounts.ServiceAccountCreated.v1}.
   */
  public String cloudEventType() {
    return cloudEventType;
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

  public static Optional<EventType> fromCloudEventType(String cloudEventType) {
    return Arrays.stream(values())
        .filter(type -> type.cloudEventType.equals(cloudEventType))
        .findFirst();
  }
}
