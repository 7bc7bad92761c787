package com.serviceaccounts.security.tokens;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * A company's own OpenID Connect identity provider (Okta, Entra ID, Google, Keycloak, ...), trusted
 * for people's tokens, and the claim mapping that turns its claims into who acts and which levels
 * they hold. The provider's own claims never grant anything by themselves: a token's {@code
 * companies} claim is replaced by what {@link #grants} give for the token's groups.
 *
 * @param issuerUri the provider's {@code iss}, exactly as in its tokens
 * @param jwkSetUri the provider's keys; discovered from {@code issuerUri}'s OpenID configuration
 *     (on first use) when not set
 * @param audiences when set, a token's {@code aud} must name one of them (e.g. the API's
 *     application id URI in Entra ID)
 * @param actorClaim the claim that names the person; the actor recorded in events is {@code user:}
 *     followed by its value (e.g. {@code email}, {@code preferred_username}; default {@code sub})
 * @param groupsClaim the claim listing the person's groups or roles, a dotted path into nested
 *     objects (e.g. {@code groups}, {@code roles}, {@code realm_access.roles}); a list or a single
 *     string
 * @param grants what each group gives; a person in none of them has no access
 */
public record IdentityProvider(
    String issuerUri,
    URI jwkSetUri,
    @DefaultValue({}) List<String> audiences,
    @DefaultValue("sub") String actorClaim,
    @DefaultValue("groups") String groupsClaim,
    @DefaultValue({}) List<Grant> grants) {

  static final String PROPERTIES = "service-accounts.security.issuers.identity-providers";

  public IdentityProvider {
    if (issuerUri == null || issuerUri.isBlank()) {
      throw new IllegalArgumentException(PROPERTIES + ".*.issuer-uri is required");
    }
    audiences = List.copyOf(audiences);
    grants = List.copyOf(grants);
  }

  /**
   * What a group (or role) gives: levels in tools of one company.
   *
   * @param group the value in the groups claim
   * @param company the company the group's members belong to
   * @param tools tool id → level, e.g. {@code {admin: ADMIN, directory: READ_ONLY}}
   */
  public record Grant(
      String group, UUID company, @DefaultValue({}) Map<String, PermissionLevel> tools) {

    public Grant {
      if (group == null || group.isBlank() || company == null) {
        throw new IllegalArgumentException(
            PROPERTIES + ".*.grants: every grant needs a group and a company");
      }
      for (String tool : tools.keySet()) {
        if (!CompanyTools.isKnown(tool)) {
          throw new IllegalArgumentException(
              PROPERTIES
                  + ".*.grants: unknown tool "
                  + tool
                  + " for group "
                  + group
                  + "; the tools are "
                  + CompanyTools.ids());
        }
      }
      tools = Map.copyOf(tools);
    }
  }

  /** The company identity providers configured in {@code environment}, by name. */
  public static Map<String, IdentityProvider> from(Environment environment) {
    return Binder.get(environment)
        .bind(PROPERTIES, Bindable.mapOf(String.class, IdentityProvider.class))
        .orElse(Map.of());
  }

  /** The actor the claims name, {@code user:<actor claim>}; empty without that claim. */
  public Optional<String> actor(Map<String, Object> claims) {
    Object value = claims.get(actorClaim);
    return value instanceof String text && !text.isBlank()
        ? Optional.of("user:" + text)
        : Optional.empty();
  }

  /**
   * Company id → tool id → level that the claims' groups are granted; the highest level where
   * several groups grant the same tool. Empty for a person in no granted group.
   */
  public Map<UUID, Map<String, PermissionLevel>> companies(Map<String, Object> claims) {
    Set<String> groups = groups(claims);
    Map<UUID, Map<String, PermissionLevel>> companies = new LinkedHashMap<>();
    for (Grant grant : grants) {
      if (groups.contains(grant.group())) {
        Map<String, PermissionLevel> levels =
            companies.computeIfAbsent(grant.company(), company -> new LinkedHashMap<>());
        grant.tools().forEach((tool, level) -> levels.merge(tool, level, IdentityProvider::higher));
      }
    }
    return companies;
  }

  private Set<String> groups(Map<String, Object> claims) {
    Object value = claims;
    for (String name : groupsClaim.split("\\.")) {
      value = value instanceof Map<?, ?> object ? object.get(name) : null;
    }
    Set<String> groups = new LinkedHashSet<>();
    if (value instanceof Collection<?> values) {
      values.forEach(group -> groups.add(String.valueOf(group)));
    } else if (value instanceof String group) {
      groups.add(group);
    }
    return groups;
  }

  private static PermissionLevel higher(PermissionLevel one, PermissionLevel other) {
    return one.atLeast(other) ? one : other;
  }
}
