package com.serviceaccounts.security.access;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.tokens.AuthenticatedCallers;
import com.serviceaccounts.security.tokens.CallerIdentity;
import java.util.UUID;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Who may do what in a company: the policy each company-scoped operation names in its method
 * security, e.g. {@code @PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")}.
 * A caller outside the company is refused as if the resource did not exist (404, nothing leaks
 * about other tenants); a member with a lower level is refused with what it needs (403). {@link
 * CompanyAccessProblems} writes both answers.
 */
public class CompanyAccess {

  /** Reading the company's service accounts: READ_ONLY on its Admin tool. */
  public AuthorizationResult canRead(Authentication authentication, UUID companyId) {
    return requires(authentication, companyId, CompanyTools.ADMIN, PermissionLevel.READ_ONLY);
  }

  /** Changing the company's service accounts, or reading its audit: ADMIN on its Admin tool. */
  public AuthorizationResult canAdminister(Authentication authentication, UUID companyId) {
    return requires(authentication, companyId, CompanyTools.ADMIN, PermissionLevel.ADMIN);
  }

  /** Setting what a service account may do in the company: ADMIN on its Directory tool. */
  public AuthorizationResult canConfigurePermissions(
      Authentication authentication, UUID companyId) {
    return requires(authentication, companyId, CompanyTools.DIRECTORY, PermissionLevel.ADMIN);
  }

  private static AuthorizationResult requires(
      Authentication authentication, UUID company, String tool, PermissionLevel required) {
    CallerIdentity caller = AuthenticatedCallers.of(authentication);
    if (!caller.companies().containsKey(company)) {
      return new CompanyAccessDenied(false, "company " + company + " has no such resource");
    }
    PermissionLevel level = caller.level(company, tool);
    if (!level.atLeast(required)) {
      return new CompanyAccessDenied(
          true,
          "this needs "
              + required
              + " on the company's "
              + CompanyTools.displayName(tool)
              + " tool; your level there is "
              + level);
    }
    return new AuthorizationDecision(true);
  }

  /**
   * A refusal of {@link CompanyAccess}, carried by Spring Security's {@code
   * AuthorizationDeniedException} to {@link CompanyAccessProblems}.
   *
   * @param member whether the caller belongs to the company (then 403, else 404)
   * @param detail what the caller is told
   */
  record CompanyAccessDenied(boolean member, String detail) implements AuthorizationResult {

    @Override
    public boolean isGranted() {
      return false;
    }
  }
}
