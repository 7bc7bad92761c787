package com.serviceaccounts.security.access;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.tokens.AuthenticatedCallers;
import com.serviceaccounts.security.tokens.CallerIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Who may do what in a company: the policy each company-scoped operation names in its method
 * security, e.g. {@code @PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")}.
 * A caller outside the company is refused as if the resource did not exist (404, nothing leaks
 * about other tenants); a member with a lower level is refused with what it needs (403). {@link
 * CompanyAccessProblems} writes both answers. A service account acts only while its account is
 * active ({@link ServiceAccountDirectory}, where the service keeps one), never sets its own
 * permissions nor gives a level above its own, and never reactivates or restores an account.
 */
public class CompanyAccess {

  private final ServiceAccountDirectory directory;

  /**
   * @param directory which service accounts are active, or {@code null} where the service keeps
   *     none: then a service account's token acts until it expires
   */
  public CompanyAccess(ServiceAccountDirectory directory) {
    this.directory = directory;
  }

  /** Reading the company's service accounts: READ_ONLY on its Admin tool. */
  public AuthorizationResult canRead(Authentication authentication, UUID companyId) {
    return requires(authentication, companyId, CompanyTools.ADMIN, PermissionLevel.READ_ONLY, null);
  }

  /** Changing the company's service accounts, or reading its audit: ADMIN on its Admin tool. */
  public AuthorizationResult canAdminister(Authentication authentication, UUID companyId) {
    return requires(authentication, companyId, CompanyTools.ADMIN, PermissionLevel.ADMIN, null);
  }

  /**
   * Setting what service account {@code accountId} may do in the company: ADMIN on its Directory
   * tool; a service account neither on its own account nor to a level above its own on any tool (it
   * would raise its own levels, directly or through an account it armed to raise them).
   *
   * @param levels the levels asked for, by tool id
   */
  public AuthorizationResult canConfigurePermissions(
      Authentication authentication,
      UUID companyId,
      UUID accountId,
      Map<String, PermissionLevel> levels) {
    AuthorizationResult access =
        requires(
            authentication, companyId, CompanyTools.DIRECTORY, PermissionLevel.ADMIN, accountId);
    CallerIdentity caller = AuthenticatedCallers.of(authentication);
    if (!access.isGranted() || caller.clientId().isEmpty() || levels == null) {
      return access;
    }
    for (Map.Entry<String, PermissionLevel> level : levels.entrySet()) {
      // An unknown tool or a missing level is the command's to refuse, naming it.
      if (CompanyTools.isKnown(level.getKey())
          && level.getValue() != null
          && !caller.level(companyId, level.getKey()).atLeast(level.getValue())) {
        return new CompanyAccessDenied(
            true,
            "a service account cannot give a level above its own: "
                + level.getValue()
                + " on the "
                + CompanyTools.displayName(level.getKey())
                + " tool, where its level is "
                + caller.level(companyId, level.getKey()));
      }
    }
    return access;
  }

  /**
   * Reactivating or restoring an account: ADMIN on the Admin tool, and a person. A service
   * account's token (a stolen secret's) would undo the deactivation that answered the theft,
   * through another account if not its own.
   */
  public AuthorizationResult canReactivate(Authentication authentication, UUID companyId) {
    AuthorizationResult access = canAdminister(authentication, companyId);
    if (access.isGranted() && AuthenticatedCallers.of(authentication).clientId().isPresent()) {
      return new CompanyAccessDenied(
          true, "a service account cannot reactivate or restore an account; a person must");
    }
    return access;
  }

  private AuthorizationResult requires(
      Authentication authentication,
      UUID company,
      String tool,
      PermissionLevel required,
      UUID notOwnAccount) {
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
    Optional<String> clientId = caller.clientId();
    if (directory != null && clientId.isPresent()) {
      Optional<UUID> own = directory.activeAccount(clientId.get());
      if (own.isEmpty()) {
        return new CompanyAccessDenied(
            true,
            "service account "
                + clientId.get()
                + " is deactivated or deleted: its tokens no longer act, even before they expire");
      }
      if (own.get().equals(notOwnAccount)) {
        return new CompanyAccessDenied(
            true, "a service account cannot change its own permissions; a person must");
      }
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
