package com.serviceaccounts.ui.pages;

import com.serviceaccounts.ui.signin.SignedInUser;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may see which page: the policy each page names in its method security, e.g.
 * {@code @PreAuthorize("@pageAccess.canRead(authentication, #companyId)")}. A refusal says which
 * level the page needs ({@link PageAccessDenied}, shown by {@link PageAdvice}). A change a person
 * may not make is not offered, but when it is sent all the same it goes to the APIs, which refuse
 * it and record the attempt in the company's security chain: the forms' posts name no policy here.
 */
@Component
class PageAccess {

  /** The account list and pages, the company's activity: Read Only on its Admin tool. */
  public AuthorizationResult canRead(Authentication authentication, UUID companyId) {
    return requires(authentication, user -> user.canRead(companyId), "no-access.read");
  }

  /** The forms that create, edit, rotate or delete an account: Admin on the Admin tool. */
  public AuthorizationResult canManage(Authentication authentication, UUID companyId) {
    return requires(authentication, user -> user.canManage(companyId), "no-access.manage");
  }

  /** An account's history from the audit trail: Admin on the Admin tool. */
  public AuthorizationResult canReadAudit(Authentication authentication, UUID companyId) {
    return requires(authentication, user -> user.canManage(companyId), "no-access.audit");
  }

  /** An account's permissions form: Admin on the company's Directory tool. */
  public AuthorizationResult canConfigurePermissions(
      Authentication authentication, UUID companyId) {
    return requires(
        authentication, user -> user.canConfigurePermissions(companyId), "no-access.permissions");
  }

  private static AuthorizationResult requires(
      Authentication authentication, Predicate<SignedInUser> may, String textKey) {
    return authentication.getPrincipal() instanceof SignedInUser user && may.test(user)
        ? new AuthorizationDecision(true)
        : new PageAccessDenied(textKey);
  }

  /**
   * A refusal of {@link PageAccess}, carried by Spring Security's {@code
   * AuthorizationDeniedException} to {@link PageAdvice}.
   *
   * @param textKey the key in {@code messages.properties} of what the page says is needed
   */
  record PageAccessDenied(String textKey) implements AuthorizationResult {

    @Override
    public boolean isGranted() {
      return false;
    }
  }
}
