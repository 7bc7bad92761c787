package com.serviceaccounts.systemtests;

import com.serviceaccounts.localstack.Ports;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The company identity providers the running system trusts: the oidc-provider module and, where a
 * JDK 21+ runs it, Keycloak. Their ports are chosen before the services start, since the services
 * are told their issuers at start; the providers themselves start later, in the tests that use them
 * (the services look a provider's keys up on first use). Each provider's group {@code sa-admins} is
 * Admin on the Admin and Directory tools of a company of its own; any other group gives nothing.
 */
final class TestIdentityProviders {

  static final int OIDC_PROVIDER_PORT = Ports.anyFree();
  static final int KEYCLOAK_PORT = Ports.anyFree();
  static final UUID OIDC_PROVIDER_COMPANY = UUID.randomUUID();
  static final UUID KEYCLOAK_COMPANY = UUID.randomUUID();
  static final String ADMINS = "sa-admins";

  private TestIdentityProviders() {}

  static String oidcProviderIssuer() {
    return "http://127.0.0.1:" + OIDC_PROVIDER_PORT;
  }

  /** The realm of {@code deploy/keycloak/service-accounts-realm.json}. */
  static String keycloakIssuer() {
    return "http://127.0.0.1:" + KEYCLOAK_PORT + "/realms/service-accounts";
  }

  /**
   * The claim mapping of both providers, as {@code service-accounts.security.issuers
   * .identity-providers} arguments: for the APIs, and for the web UI, which applies the same.
   */
  static List<String> trust() {
    List<String> arguments = new ArrayList<>();
    arguments.addAll(mapping("oidc-provider", oidcProviderIssuer(), OIDC_PROVIDER_COMPANY));
    arguments.addAll(mapping("keycloak", keycloakIssuer(), KEYCLOAK_COMPANY));
    return arguments;
  }

  private static List<String> mapping(String name, String issuer, UUID company) {
    String prefix = "--service-accounts.security.issuers.identity-providers." + name + ".";
    return List.of(
        prefix + "issuer-uri=" + issuer,
        prefix + "actor-claim=email",
        prefix + "groups-claim=groups",
        prefix + "grants[0].group=" + ADMINS,
        prefix + "grants[0].company=" + company,
        prefix + "grants[0].tools.admin=ADMIN",
        prefix + "grants[0].tools.directory=ADMIN");
  }
}
