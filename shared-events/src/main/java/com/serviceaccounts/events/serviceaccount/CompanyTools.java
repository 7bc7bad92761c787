package com.serviceaccounts.events.serviceaccount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of company-level tools a service account can be given permissions in, by the id
 * used on the wire. A tool an account has no entry for is {@link PermissionLevel#NONE}: that is how
 * every new account starts, and what existing accounts get for a tool added here later.
 */
public final class CompanyTools {

  public static final String ADMIN = "admin";
  public static final String DIRECTORY = "directory";

  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(ADMIN, "Admin");
    NAMES.put(DIRECTORY, "Directory");
    NAMES.put("documents", "Documents");
    NAMES.put("erp-integrations", "ERP Integrations");
    NAMES.put("inspections", "Inspections");
    NAMES.put("planroom", "Planroom");
    NAMES.put("portfolio", "Portfolio");
    NAMES.put("reports", "Reports");
    NAMES.put("schedule", "Schedule");
    NAMES.put("timecard", "Timecard");
  }

  private CompanyTools() {}

  /** Every tool id, in catalogue order. */
  public static Set<String> ids() {
    return NAMES.keySet();
  }

  public static boolean isKnown(String toolId) {
    return NAMES.containsKey(toolId);
  }

  /** The tool's display name, e.g. {@code ERP Integrations} for {@code erp-integrations}. */
  public static String displayName(String toolId) {
    return NAMES.get(toolId);
  }
}
