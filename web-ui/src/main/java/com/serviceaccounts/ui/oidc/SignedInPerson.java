package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in with a company's identity provider: the provider's user, with the actor and
 * company levels its claim mapping gives them (the same mapping the APIs apply to their tokens).
 */
final class SignedInPerson extends DefaultOidcUser {

  private final String actor;
  private final Map<UUID, Map<String, PermissionLevel>> companies;

  SignedInPerson(
      OidcIdToken idToken,
      OidcUserInfo userInfo,
      String actor,
      Map<UUID, Map<String, PermissionLevel>> companies) {
    super(AuthorityUtils.createAuthorityList("ROLE_USER"), idToken, userInfo);
    this.actor = actor;
    this.companies = Map.copyOf(companies);
  }

  String actor() {
    return actor;
  }

  Map<UUID, Map<String, PermissionLevel>> companies() {
    return companies;
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
