package com.serviceaccounts.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;

/**
 * Keycloak's admin REST API as the comparison uses it: a realm of its own, and confidential clients
 * with service accounts (client credentials) created, renamed and set to an algorithm.
 */
final class KeycloakAdmin {

  static final String REALM = "bench";

  private final Http http;
  private final URI base;
  private final String username;
  private final String password;
  private volatile String bearer;

  KeycloakAdmin(Http http, URI base, String username, String password) {
    this.http = http;
    this.base = base;
    this.username = username;
    this.password = password;
  }

  /** Signs in as the bootstrap admin (master realm, {@code admin-cli}). */
  void signIn() throws IOException {
    Http.Reply reply =
        http.send(
            "POST",
            base.resolve("/realms/master/protocol/openid-connect/token"),
            null,
            ContentType.APPLICATION_FORM_URLENCODED,
            "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
    expect(reply, 200, "admin sign-in");
    bearer = "Bearer " + Stack.JSON.readTree(reply.body()).get("access_token").asText();
  }

  /**
   * The admin's tokens made to last four hours (a minute by default, shorter than a load phase),
   * and the bench's realm.
   */
  void configure() throws IOException {
    signIn();
    expect(send("PUT", "/admin/realms/master", Map.of("accessTokenLifespan", 4 * 3600)), 204, "");
    signIn();
    expect(send("POST", "/admin/realms", Map.of("realm", REALM, "enabled", true)), 201, "realm");
  }

  /** The realm's tokens signed with {@code algorithm}, a key for it made if there is none. */
  void signWith(String algorithm) throws IOException {
    expect(
        send("PUT", "/admin/realms/" + REALM, Map.of("defaultSignatureAlgorithm", algorithm)),
        204,
        "realm's default signature algorithm");
  }

  /**
   * A confidential client with its service account enabled and only the client-credentials grant,
   * its access tokens signed with {@code algorithm}.
   */
  Http.Reply createClient(String clientId, String secret, String name, String algorithm)
      throws IOException {
    return send(
        "POST",
        "/admin/realms/" + REALM + "/clients",
        Map.of(
            "clientId",
            clientId,
            "name",
            name,
            "secret",
            secret,
            "enabled",
            true,
            "publicClient",
            false,
            "clientAuthenticatorType",
            "client-secret",
            "serviceAccountsEnabled",
            true,
            "standardFlowEnabled",
            false,
            "directAccessGrantsEnabled",
            false,
            "attributes",
            Map.of("access.token.signed.response.alg", algorithm)));
  }

  /** The internal id of the client a {@link #createClient} made. */
  static String id(Http.Reply created) throws IOException {
    expect(created, 201, "client");
    return created.location().substring(created.location().lastIndexOf('/') + 1);
  }

  Http.Reply rename(String id, String name) throws IOException {
    return send("PUT", "/admin/realms/" + REALM + "/clients/" + id, Map.of("name", name));
  }

  URI tokenEndpoint() {
    return base.resolve("/realms/" + REALM + "/protocol/openid-connect/token");
  }

  private Http.Reply send(String method, String path, Map<String, Object> body) throws IOException {
    return http.send(
        method,
        base.resolve(path),
        bearer,
        ContentType.APPLICATION_JSON,
        Stack.JSON.writeValueAsString(body));
  }

  private static void expect(Http.Reply reply, int status, String what) {
    if (reply.statusCode() != status) {
      throw new IllegalStateException(
          "Keycloak's admin API answered "
              + reply.statusCode()
              + " for "
              + what
              + ": "
              + reply.body());
    }
  }
}
