package com.serviceaccounts.security.tokens;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a token's {@code companies} claim: {@code {"<company uuid>": {"<tool id>": "<LEVEL>"}}}.
 * Entries it cannot read (a company id that is not a UUID, an unknown tool or level) grant nothing;
 * they never fail the request, so a newer issuer's extra tools do not lock callers out.
 */
public final class CompaniesClaim {

  static final String NAME = "companies";

  private CompaniesClaim() {}

  /** The levels the claim grants, by company and tool. */
  public static Map<UUID, Map<String, PermissionLevel>> read(Jwt jwt) {
    Map<UUID, Map<String, PermissionLevel>> companies = new HashMap<>();
    Object claim = jwt.getClaims().get(NAME);
    if (!(claim instanceof Map<?, ?> byCompany)) {
      return companies;
    }
    byCompany.forEach(
        (company, tools) -> {
          UUID companyId = uuid(company);
          if (companyId != null && tools instanceof Map<?, ?> byTool) {
            companies.put(companyId, levels(byTool));
          }
        });
    return companies;
  }

  private static Map<String, PermissionLevel> levels(Map<?, ?> byTool) {
    Map<String, PermissionLevel> levels = new HashMap<>();
    byTool.forEach(
        (tool, level) -> {
          if (tool instanceof String id && CompanyTools.isKnown(id)) {
            try {
              levels.put(id, PermissionLevel.valueOf(String.valueOf(level)));
            } catch (IllegalArgumentException unknownLevel) {
              // grants nothing in that tool
            }
          }
        });
    return levels;
  }

  private static UUID uuid(Object value) {
    try {
      return UUID.fromString(String.valueOf(value));
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }
}
