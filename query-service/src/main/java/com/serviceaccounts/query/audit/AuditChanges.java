package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.ClientSecretRotated;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountDeleted;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPermissionsChanged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountPurged;
import com.serviceaccounts.events.serviceaccount.ServiceAccountReactivated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountRestored;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an event changed, field by field: {@code {"name": {"before": "a", "after": "b"}}}. A
 * creation lists the initial values, after-only. Neither a client secret nor its hash is ever a
 * value here: a rotation is recorded as the new secret's number ({@code "secret #2"}).
 *
 * <ul>
 *   <li>permissions: one entry per tool that changed, {@code "permissions.<tool>"}, in catalogue
 *       order;
 *   <li>secret rotation: {@code clientSecret} and {@code previousSecretsExpireAt}, after-only;
 *   <li>deactivation, reactivation, deletion, restoration and purge: {@code status} before and
 *       after ({@code PURGED} after a purge), a deletion also {@code restorableUntil}.
 * </ul>
 */
final class AuditChanges {

  static final String PURGED = "PURGED";

  /**
   * The creation's field that keeps the contact email as the event has it, sealed; readers show it
   * opened as {@link #CONTACT_EMAIL} ({@link #withContactEmailOpened}). It keeps the name revision
   * 1 of the event gave it: entries are hash-chained, and a rebuild must reproduce every stored
   * one.
   */
  static final String SEALED_CONTACT_EMAIL = "encryptedContactEmail";

  static final String CONTACT_EMAIL = "contactEmail";

  private static final List<String> TOOL_ORDER = List.copyOf(CompanyTools.ids());

  private AuditChanges() {}

  static ObjectNode of(ServiceAccountEvent event) {
    if (event instanceof ServiceAccountCreated created) {
      return initialValues(created);
    }
    if (event instanceof ServiceAccountEdited edited) {
      return beforeAndAfter(edited.changedFields());
    }
    if (event instanceof ServiceAccountPermissionsChanged changed) {
      return beforeAndAfter(permissions(changed));
    }
    if (event instanceof ClientSecretRotated rotated) {
      ObjectNode changes = JsonNodeFactory.instance.objectNode();
      changes.putObject("clientSecret").put("after", "secret #" + rotated.secretNumber());
      changes
          .putObject("previousSecretsExpireAt")
          .put("after", rotated.previousSecretsExpireAt().toString());
      return changes;
    }
    if (event instanceof ServiceAccountDeactivated) {
      return status(AccountStatus.ACTIVE, AccountStatus.DEACTIVATED);
    }
    if (event instanceof ServiceAccountReactivated) {
      return status(AccountStatus.DEACTIVATED, AccountStatus.ACTIVE);
    }
    if (event instanceof ServiceAccountDeleted deleted) {
      ObjectNode changes = status(deleted.previousStatus(), AccountStatus.DELETED);
      changes.putObject("restorableUntil").put("after", text(deleted.restorableUntil()));
      return changes;
    }
    if (event instanceof ServiceAccountRestored restored) {
      return status(AccountStatus.DELETED, restored.status());
    }
    if (event instanceof ServiceAccountPurged) {
      return status(AccountStatus.DELETED, PURGED);
    }
    throw new IllegalStateException(
        "the audit trail has no changes for " + event.getClass().getSimpleName());
  }

  private static ObjectNode initialValues(ServiceAccountCreated created) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", created.name());
    values.put("appType", created.appType());
    values.put("marketplaceAppId", created.marketplaceAppId());
    values.put("clientId", created.clientId());
    values.put(SEALED_CONTACT_EMAIL, created.sealedContactEmail());
    ObjectNode changes = JsonNodeFactory.instance.objectNode();
    values.forEach(
        (field, value) -> {
          if (value != null) {
            changes.putObject(field).put("after", value.toString());
          }
        });
    return changes;
  }

  /** {@code permissions.<tool>} per changed tool: catalogue order, then unknown tools by id. */
  private static Map<String, ValueChange<?>> permissions(ServiceAccountPermissionsChanged changed) {
    Comparator<String> catalogueOrder =
        Comparator.<String>comparingInt(
                tool -> TOOL_ORDER.contains(tool) ? TOOL_ORDER.indexOf(tool) : TOOL_ORDER.size())
            .thenComparing(Comparator.naturalOrder());
    Map<String, ValueChange<?>> fields = new LinkedHashMap<>();
    changed.changes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(catalogueOrder))
        .forEach(change -> fields.put("permissions." + change.getKey(), levels(change.getValue())));
    return fields;
  }

  /** A level the account never had is {@code NONE}, never {@code null}. */
  private static ValueChange<PermissionLevel> levels(ValueChange<PermissionLevel> change) {
    return new ValueChange<>(
        change.before() == null ? PermissionLevel.NONE : change.before(),
        change.after() == null ? PermissionLevel.NONE : change.after());
  }

  private static ObjectNode status(Object before, Object after) {
    return beforeAndAfter(Map.of("status", new ValueChange<>(before, after)));
  }

  private static ObjectNode beforeAndAfter(Map<String, ValueChange<?>> changedFields) {
    ObjectNode changes = JsonNodeFactory.instance.objectNode();
    changedFields.forEach(
        (field, change) -> {
          ObjectNode node = changes.putObject(field);
          node.put("before", text(change.before()));
          node.put("after", text(change.after()));
        });
    return changes;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * The changes as a reader sees them: a sealed contact email replaced by {@code contactEmail} with
   * the opened email as its {@code after}, or, once the account's key is destroyed, {@code after:
   * null} and {@code erased: true}. Changes without one are returned as they are.
   */
  static JsonNode withContactEmailOpened(JsonNode changes, Optional<String> email) {
    if (!(changes instanceof ObjectNode stored) || !stored.has(SEALED_CONTACT_EMAIL)) {
      return changes;
    }
    ObjectNode shown = JsonNodeFactory.instance.objectNode();
    stored
        .properties()
        .forEach(
            field -> {
              if (!field.getKey().equals(SEALED_CONTACT_EMAIL)) {
                shown.set(field.getKey(), field.getValue());
              } else if (email.isPresent()) {
                shown.putObject(CONTACT_EMAIL).put("after", email.get());
              } else {
                shown.putObject(CONTACT_EMAIL).putNull("after").put("erased", true);
              }
            });
    return shown;
  }

  /** The sealed contact email the changes hold, if any. */
  static Optional<String> sealedContactEmail(JsonNode changes) {
    JsonNode sealed = changes.path(SEALED_CONTACT_EMAIL).path("after");
    return sealed.isString() ? Optional.of(sealed.asString()) : Optional.empty();
  }
}
