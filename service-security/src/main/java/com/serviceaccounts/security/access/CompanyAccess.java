package com.serviceaccounts.security.access;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.access.ServiceAccountDirectory.ActiveAccount;
import com.serviceaccounts.security.tokens.AuthenticatedCallers;
import com.serviceaccounts.security.tokens.CallerIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who may do what in a company: the policy each company-scoped operation names in its method
 * security, e.g. {@code @PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")}.
 * A caller outside the company is refused as if the resource did not exist (404, nothing leaks
 * about other tenants); a member with a lower level is refused with what it needs (403). {@link
 * CompanyAccessProblems} writes both answers. A service account acts only while its account is
 * active ({@link ServiceAccountDirectory}, where the service keeps one), with its levels as they
 * are now there (a token carries those it was issued with), with no token issued before the account
 * was last deactivated, deleted, reactivated or restored, never sets its own permissions nor gives
 * a level above its own, and never reactivates or restores an account.
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
    Check check =
        check(authentication, companyId, CompanyTools.DIRECTORY, PermissionLevel.ADMIN, accountId);
    if (!check.result().isGranted() || check.caller().clientId().isEmpty() || levels == null) {
      return check.result();
    }
    for (Map.Entry<String, PermissionLevel> level : levels.entrySet()) {
      // An unknown tool or a missing level is the command's to refuse, naming it.
      PermissionLevel own = check.level(companyId, level.getKey());
      if (CompanyTools.isKnown(level.getKey())
          && level.getValue() != null
          && !own.atLeast(level.getValue())) {
        return new CompanyAccessDenied(
            true,
            "a service account cannot give a level above its own: "
                + level.getValue()
                + " on the "
                + CompanyTools.displayName(level.getKey())
                + " tool, where its level is "
                + own);
      }
    }
    return check.result();
  }

  /**
   * Reactivating or restoring an account: ADMIN on the Admin tool, and a person. A service
   * account's token (a stolen secret's) would undo the deactivation that answered the theft,
   * through another account if not its own.
   */
  public AuthorizationResult canReactivate(Authentication authentication, UUID companyId) {
    Check check = check(authentication, companyId, CompanyTools.ADMIN, PermissionLevel.ADMIN, null);
    if (check.result().isGranted() && check.caller().clientId().isPresent()) {
      return new CompanyAccessDenied(
          true, "a service account cannot reactivate or restore an account; a person must");
    }
    return check.result();
  }

  private AuthorizationResult requires(
      Authentication authentication,
      UUID company,
      String tool,
      PermissionLevel required,
      UUID notOwnAccount) {
    return check(authentication, company, tool, required, notOwnAccount).result();
  }

  /**
   * The caller's access: a person's by its token's levels; a service account's only while its
   * account is active, by its levels now where the service keeps them (a token issued before a
   * level was lowered carries the level it had), and not with a token issued before its account was
   * last deactivated or deleted (reactivated since, it would act again).
   */
  private Check check(
      Authentication authentication,
      UUID company,
      String tool,
      PermissionLevel required,
      UUID notOwnAccount) {
    CallerIdentity caller = AuthenticatedCallers.of(authentication);
    if (!caller.companies().containsKey(company)) {
      return new Check(
          new CompanyAccessDenied(false, "company " + company + " has no such resource"),
          caller,
          null);
    }
    Optional<String> clientId = caller.clientId();
    ActiveAccount own = null;
    if (directory != null && clientId.isPresent()) {
      Optional<ActiveAccount> active = directory.activeAccount(clientId.get());
      if (active.isEmpty()) {
        return new Check(
            new CompanyAccessDenied(
                true,
                "service account "
                    + clientId.get()
                    + " is deactivated or deleted: its tokens no longer act, even before they"
                    + " expire"),
            caller,
            null);
      }
      own = active.get();
      if (issuedBefore(authentication, own.tokensNotBefore())) {
        return new Check(
            new CompanyAccessDenied(
                true,
                "this token was issued before service account "
                    + clientId.get()
                    + " was last deactivated, deleted, reactivated or restored: ask for a new"
                    + " token"),
            caller,
            own);
      }
    }
    Check check = new Check(new AuthorizationDecision(true), caller, own);
    PermissionLevel level = check.level(company, tool);
    if (!level.atLeast(required)) {
      return new Check(
          new CompanyAccessDenied(
              true,
              "this needs "
                  + required
                  + " on the company's "
                  + CompanyTools.displayName(tool)
                  + " tool; your level there is "
                  + level),
          caller,
          own);
    }
    if (own != null && own.id().equals(notOwnAccount)) {
      return new Check(
          new CompanyAccessDenied(
              true, "a service account cannot change its own permissions; a person must"),
          caller,
          own);
    }
    return check;
  }

  /**
   * Whether the bearer token was issued at or before {@code notBefore}'s second ({@code iat} counts
   * whole seconds), or says not when; false when there is no such instant.
   */
  private static boolean issuedBefore(Authentication authentication, Instant notBefore) {
    if (notBefore == null) {
      return false;
    }
    Instant issued = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getIssuedAt() : null;
    return issued == null || !issued.isAfter(notBefore.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * What {@link #check} decided, for whom, and the caller's account where it is a service account
   * the service keeps.
   */
  private record Check(AuthorizationResult result, CallerIdentity caller, ActiveAccount own) {

    /** The caller's level on a tool: its token's, and no more than its account's now. */
    PermissionLevel level(UUID company, String tool) {
      PermissionLevel token = caller.level(company, tool);
      if (own == null || own.levels() == null) {
        return token;
      }
      PermissionLevel now = own.levels().getOrDefault(tool, PermissionLevel.NONE);
      return token.atLeast(now) ? now : token;
    }
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
