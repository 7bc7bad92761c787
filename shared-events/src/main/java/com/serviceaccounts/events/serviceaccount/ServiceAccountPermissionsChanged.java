package com.serviceaccounts.events.serviceaccount;

import java.util.Map;
import java.util.TreeMap;
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
    if (changes.size() > Texts.MAX_TOOLS) {
      throw new IllegalArgumentException(
          "a permissions event changes at most " + Texts.MAX_TOOLS + " tools");
    }
    changes.keySet().forEach(tool -> Texts.require("tool", tool, Texts.MAX_TOOL));
    changes = Map.copyOf(changes);
  }

  /**
   * The account's permissions after this event, from its permissions before it: each changed tool
   * at its new level, and a tool whose level became {@code NONE} left out, as an account's matrix
   * holds only the levels it grants.
   */
  public Map<String, PermissionLevel> permissionsAfter(Map<String, PermissionLevel> before) {
    Map<String, PermissionLevel> after = new TreeMap<>(before);
    changes.forEach(
        (tool, change) -> {
          if (change.after() == null || change.after() == PermissionLevel.NONE) {
            after.remove(tool);
          } else {
            after.put(tool, change.after());
          }
        });
    return after;
  }
}
