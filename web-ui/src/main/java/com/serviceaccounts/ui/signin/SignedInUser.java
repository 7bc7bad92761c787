package com.serviceaccounts.ui.signin;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in: the bearer token the UI sends on the user's behalf (kept in the server-side
 * session, never given to the browser), and the levels that token grants, which decide what the
 * pages offer. The services decide what is allowed; the pages only avoid offering what would be
 * refused.
 *
 * @param subject the token's {@code sub}, e.g. {@code user:alice@acme.example}
 * @param companies company id → tool id → level, as in the token's {@code companies} claim
 */
public record SignedInUser(
    String subject,
    String accessToken,
    Instant expiresAt,
    Map<UUID, Map<String, PermissionLevel>> companies)
    implements Serializable, AuthenticatedPrincipal {

  public SignedInUser {
    companies = Map.copyOf(companies);
  }

  /** The subject: who the sessions of one person are counted for ({@code SessionLimits}). */
  @Override
  public String getName() {
    return subject;
  }

  public Set<UUID> companyIds() {
    return companies.keySet();
  }

  public PermissionLevel level(UUID company, String tool) {
    return companies.getOrDefault(company, Map.of()).getOrDefault(tool, PermissionLevel.NONE);
  }

  /** May list and read the company's accounts: at least Read Only on its Admin tool. */
  public boolean canRead(UUID company) {
    return level(company, CompanyTools.ADMIN).compareTo(PermissionLevel.READ_ONLY) >= 0;
  }

  /** May create, edit and change the life cycle of accounts, and read the audit trail. */
  public boolean canManage(UUID company) {
    return level(company, CompanyTools.ADMIN) == PermissionLevel.ADMIN;
  }

  /** May configure accounts' permissions: Admin on the company's Directory tool. */
  public boolean canConfigurePermissions(UUID company) {
    return level(company, CompanyTools.DIRECTORY) == PermissionLevel.ADMIN;
  }

  /** The subject without its {@code user:} prefix, for the page header. */
  public String displayName() {
    int colon = subject.indexOf(':');
    return colon < 0 ? subject : subject.substring(colon + 1);
  }

  @Override
  public String toString() {
    return "SignedInUser[subject=" + subject + ", expiresAt=" + expiresAt + "]";
  }
}
