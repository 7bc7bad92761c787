package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import java.util.Map;
import java.util.TreeMap;

/** Which tools a permissions request changes, and whether it names only tools that exist. */
final class PermissionsPolicy {

  private PermissionsPolicy() {}

  /**
   * The changes {@code requested} makes to {@code current} (absent = {@code NONE}), tool by tool.
   *
   * @throws InvalidServiceAccountException for an unknown tool or a missing level
   */
  static Map<String, ValueChange<PermissionLevel>> changes(
      Map<String, PermissionLevel> current, Map<String, PermissionLevel> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new InvalidServiceAccountException(
          "permissions",
          ProblemCode.PERMISSIONS_REQUIRED,
          "permissions must name at least one tool, e.g. {\"reports\": \"READ_ONLY\"}");
    }
    Map<String, ValueChange<PermissionLevel>> changes = new TreeMap<>();
    requested.forEach(
        (tool, level) -> {
          if (!CompanyTools.isKnown(tool)) {
            throw new InvalidServiceAccountException(
                "permissions." + tool,
                ProblemCode.TOOL_UNKNOWN,
                "unknown tool '"
                    + tool
                    + "'; the tools are "
                    + String.join(", ", CompanyTools.ids()));
          }
          if (level == null) {
            throw new InvalidServiceAccountException(
                "permissions." + tool,
                ProblemCode.PERMISSION_LEVEL_REQUIRED,
                "permissions." + tool + " needs a level: NONE, READ_ONLY, STANDARD or ADMIN");
          }
          ValueChange<PermissionLevel> change =
              ValueChange.between(current.getOrDefault(tool, PermissionLevel.NONE), level);
          if (change != null) {
            changes.put(tool, change);
          }
        });
    return changes;
  }
}
