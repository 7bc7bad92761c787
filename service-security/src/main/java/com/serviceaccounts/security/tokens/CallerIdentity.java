package com.serviceaccounts.security.tokens;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, as the bearer token says: the actor recorded in events, and the caller's
 * permission level in each tool of each company it belongs to.
 *
 * @param actor the token's {@code sub}, e.g. {@code user:alice@acme.example}
 * @param actorType {@code user} or {@code service_account}, from the token's issuer; {@code system}
 *     only for the service's own jobs
 * @param companies company id → tool id → level; a company absent here is one the caller does not
 *     belong to, a tool absent is {@code NONE}
 */
public record CallerIdentity(
    String actor, String actorType, Map<UUID, Map<String, PermissionLevel>> companies) {

  public CallerIdentity {
    companies = Map.copyOf(companies);
  }

  /** The client id of a service account caller ({@code service-account:<client id>}). */
  public Optional<String> clientId() {
    return AuthenticatedCallers.SERVICE_ACCOUNT.equals(actorType)
            && actor.startsWith(ActorValidator.SERVICE_ACCOUNT_PREFIX)
        ? Optional.of(actor.substring(ActorValidator.SERVICE_ACCOUNT_PREFIX.length()))
        : Optional.empty();
  }

  /** The caller's level in {@code tool} of {@code company}; {@code NONE} where it has none. */
  public PermissionLevel level(UUID company, String tool) {
    return companies.getOrDefault(company, Map.of()).getOrDefault(tool, PermissionLevel.NONE);
  }
}
