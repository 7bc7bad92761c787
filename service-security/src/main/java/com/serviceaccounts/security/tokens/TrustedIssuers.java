package com.serviceaccounts.security.tokens;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The issuers whose tokens a resource server accepts, by kind of caller. A token's {@code iss} must
 * be one of them; which list names it decides the caller's actor type, never a claim of the token.
 *
 * @param users issuers of people's tokens (actor type {@code user}): by default the development
 *     issuer, {@code service-accounts-dev}
 * @param serviceAccounts issuers of service accounts' tokens (actor type {@code service_account}):
 *     the token service's {@code iss}, by default {@code http://localhost:8082}; its tokens must
 *     name the account as {@code sub} = {@code service-account:<client_id>}
 * @param serviceAccountKeys where the keys of the {@code serviceAccounts} issuers' tokens are and
 *     their algorithm; when its {@code jwk-set-uri} is not set, they are verified with the
 *     service's configured key, as people's
 * @param identityProviders companies' own identity providers, by a name of the operator's choice:
 *     people's tokens (actor type {@code user}) verified with each provider's own keys, their
 *     claims mapped as the provider says ({@link IdentityProvider}); none by default
 */
@ConfigurationProperties(TrustedIssuers.PROPERTIES)
record TrustedIssuers(
    @DefaultValue("service-accounts-dev") List<String> users,
    @DefaultValue("http://localhost:8082") List<String> serviceAccounts,
    @DefaultValue @NestedConfigurationProperty ServiceAccountKeys serviceAccountKeys,
    Map<String, IdentityProvider> identityProviders) {

  static final String PROPERTIES = "service-accounts.security.issuers";

  TrustedIssuers {
    users = List.copyOf(users);
    serviceAccounts = List.copyOf(serviceAccounts);
    identityProviders = identityProviders == null ? Map.of() : Map.copyOf(identityProviders);
    Set<String> both = new LinkedHashSet<>(users);
    both.retainAll(serviceAccounts);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "service-accounts.security.issuers: "
              + both
              + " is listed both for users and for service accounts; an issuer issues one kind of"
              + " token");
    }
    Set<String> withTrustedKey = new LinkedHashSet<>(users);
    withTrustedKey.addAll(serviceAccounts);
    Set<String> providers = new LinkedHashSet<>();
    identityProviders.forEach(
        (name, provider) -> {
          if (withTrustedKey.contains(provider.issuerUri())
              || !providers.add(provider.issuerUri())) {
            throw new IllegalArgumentException(
                IdentityProvider.PROPERTIES
                    + "."
                    + name
                    + ".issuer-uri: "
                    + provider.issuerUri()
                    + " is trusted more than once; an issuer has one set of keys and one claim"
                    + " mapping");
          }
        });
  }

  /** Every issuer whose tokens are verified with the service's configured key. */
  Set<String> all() {
    Set<String> all = new LinkedHashSet<>(users);
    if (serviceAccountKeys.jwkSetUri() == null) {
      all.addAll(serviceAccounts);
    }
    return all;
  }

  boolean issuesServiceAccountTokens(String issuer) {
    return issuer != null && serviceAccounts.contains(issuer);
  }
}
