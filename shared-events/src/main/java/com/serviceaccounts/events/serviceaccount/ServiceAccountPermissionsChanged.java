package com.serviceaccounts.events.serviceaccount;

import java.util.Map;
import java.util.UUID;

/**
 * Emitted when an admin configures an account's permissions and at least one tool's level changes.
 * Lists only the tools that changed, each with its level before and after; a tool the account never
 * had a level for was {@code NONE}.
 *
 * @param accountId the account
 * @param companyId the account's company
 * @param changes tool id (see {@link CompanyTools}) to its level before and after; never empty
 */
public record ServiceAccountPermissionsChanged(
    UUID accountId, UUID companyId, Map<String, ValueChange<PermissionLevel>> changes)
    implements ServiceAccountEvent {

  public ServiceAccountPermissionsChanged {
    if (changes == null || changes.isEmpty()) {
      throw new IllegalArgumentException("a permissions event must change at least one tool");
    }
    changes = Map.copyOf(changes);
  }
}
