package com.serviceaccounts.events.serviceaccount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Emitted when an edit (the seed's "Update") changes an account's name, app type or marketplace
 * app. Each field that changed carries its value before and after; a field that did not change is
 * {@code null}. An edit that changes nothing emits no event, so at least one field is present.
 *
 * @param accountId the edited account
 * @param companyId the account's company
 * @param name the name before and after, or {@code null} if unchanged
 * @param appType the app type before and after, or {@code null} if unchanged
 * @param marketplaceAppId the marketplace app before and after, or {@code null} if unchanged
 */
public record ServiceAccountEdited(
    UUID accountId,
    UUID companyId,
    ValueChange<String> name,
    ValueChange<AppType> appType,
    ValueChange<String> marketplaceAppId)
    implements ServiceAccountEvent {

  public ServiceAccountEdited {
    if (name == null && appType == null && marketplaceAppId == null) {
      throw new IllegalArgumentException("an edit event must change at least one field");
    }
    Texts.require("name", name, Texts.MAX_NAME);
    Texts.require("marketplaceAppId", marketplaceAppId, Texts.MAX_MARKETPLACE_APP_ID);
  }

  /** The changed fields by their API name, in a stable order. */
  public Map<String, ValueChange<?>> changedFields() {
    Map<String, ValueChange<?>> changes = new LinkedHashMap<>();
    if (name != null) {
      changes.put("name", name);
    }
    if (appType != null) {
      changes.put("appType", appType);
    }
    if (marketplaceAppId != null) {
      changes.put("marketplaceAppId", marketplaceAppId);
    }
    return changes;
  }
}
