package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.text.Actors;
import com.serviceaccounts.security.tokens.IdentityProvider;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Signs a person in only when the claim mapping of their provider ({@code
 * service-accounts.security.issuers.identity-providers}, the APIs' own) names them and gives them
 * at least one company; anybody else is refused with {@link #NO_ACCESS}, which the UI shows as its
 * "no access" page.
 */
final class CompanyOidcUserService extends OidcUserService {

  static final String NO_ACCESS = "no_access";

  private final Collection<IdentityProvider> providers;

  CompanyOidcUserService(Collection<IdentityProvider> providers) {
    this.providers = providers;
  }

  /** The error code of a sign-in whose provider's answer about the person could not be read. */
  static final String INVALID_USER_INFO = "invalid_user_info_response";

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = userOf(request);
    String issuer = String.valueOf(user.getIdToken().getIssuer());
    IdentityProvider provider =
        providers.stream()
            .filter(candidate -> candidate.issuerUri().equals(issuer))
            .findFirst()
            .orElseThrow(
                () ->
                    noAccess(
                        "This sign-in service ("
                            + issuer
                            + ") has no claim mapping here, so nobody from it has access."));
    Map<String, Object> claims = new HashMap<>(user.getClaims());
    String actor =
        provider
            .actor(claims)
            .orElseThrow(
                () ->
                    noAccess(
                        "Your sign-in cannot name you here: "
                            + provider.actorDefect(claims)
                            + "."));
    Map<UUID, Map<String, PermissionLevel>> companies = provider.companies(claims);
    if (companies.isEmpty()) {
      throw noAccess(
          actor.substring(Actors.PERSON.length())
              + " is not in any group that gives access to service accounts.");
    }
    return new SignedInPerson(user.getIdToken(), user.getUserInfo(), actor, companies);
  }

  /**
   * The provider's person, its user info included; an answer of the provider's that is not what
   * OpenID Connect says (an HTML error page of a proxy, say, or of a provider that cannot take a
   * large token in a header) is a failed sign-in, not a server error.
   */
  private OidcUser userOf(OidcUserRequest request) {
    try {
      return super.loadUser(request);
    } catch (OAuth2AuthenticationException refused) {
      throw refused;
    } catch (RuntimeException unreadable) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              INVALID_USER_INFO,
              "The sign-in service's answer about you could not be read; try again later or ask"
                  + " its administrators.",
              null),
          unreadable);
    }
  }

  private static OAuth2AuthenticationException noAccess(String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(NO_ACCESS, description, null));
  }
}
