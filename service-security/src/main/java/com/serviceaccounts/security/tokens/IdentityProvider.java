package com.serviceaccounts.security.tokens;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.text.Actors;
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

  /**
   * The claims that mark an OpenID Connect ID token, which says who signed in to the web UI and is
   * no access token: {@code nonce} (which OpenID Connect puts in ID tokens alone), the hashes of
   * the access token and code ({@code at_hash}, {@code c_hash}), Keycloak's {@code typ: ID}.
   */
  private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");

  /** The actor the claims name, {@code user:<actor claim>}; empty if {@link #actorDefect}. */
  public Optional<String> actor(Map<String, Object> claims) {
    return actorDefect(claims) == null
        ? Optional.of(Actors.PERSON + claims.get(actorClaim))
        : Optional.empty();
  }

  /**
   * Why the claims name no actor, or {@code null}: the actor claim is missing, not a text, or
   * breaks the rule of an actor claim ({@link Actors#claimDefect}: spaces around it, characters
   * that hide, a value that reads as a service account or the system).
   */
  public String actorDefect(Map<String, Object> claims) {
    if (!(claims.get(actorClaim) instanceof String value)) {
      return "the " + actorClaim + " claim, who acts, is missing or not a text";
    }
    String defect = Actors.claimDefect(value);
    return defect == null ? null : "the " + actorClaim + " claim, who acts, " + defect;
  }

  /**
   * What marks the claims as an ID token rather than an access token ({@link #ID_TOKEN_CLAIMS}), or
   * {@code null}: an ID token the web UI sends back to the provider at sign-out must not work as a
   * bearer token.
   */
  public static String idTokenMark(Map<String, Object> claims) {
    for (String name : ID_TOKEN_CLAIMS) {
      if (claims.containsKey(name)) {
        return "it has the claim " + name;
      }
    }
    return "ID".equalsIgnoreCase(String.valueOf(claims.get("typ"))) ? "its typ is ID" : null;
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
