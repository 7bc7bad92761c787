package com.serviceaccounts.query.audit;

import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEdited;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an event changed, field by field: {@code {"name": {"before": "a", "after": "b"}}}. A
 * creation lists the initial values, after-only. The client secret hash is not a field here: the
 * audit trail never holds it.
 */
final class AuditChanges {

  private AuditChanges() {}

  static ObjectNode of(ServiceAccountEvent event) {
    if (event instanceof ServiceAccountCreated created) {
      return initialValues(created);
    }
    if (event instanceof ServiceAccountEdited edited) {
      return beforeAndAfter(edited.changedFields());
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
    values.put("contactEmail", created.contactEmail());
    ObjectNode changes = JsonNodeFactory.instance.objectNode();
    values.forEach(
        (field, value) -> {
          if (value != null) {
            changes.putObject(field).put("after", value.toString());
          }
        });
    return changes;
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
}
