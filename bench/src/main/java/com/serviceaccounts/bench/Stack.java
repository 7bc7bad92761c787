package com.serviceaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.bench.Http.Reply;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.http.ContentType;

/**
 * The running local stack as the benchmarks use it: the services over HTTP with tokens from the
 * stack's own development issuer, and its PostgreSQL over JDBC. HTTP goes through the load
 * generator's client ({@link Http}).
 */
final class Stack {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The local stack's operator, as its launcher configures the services. */
  static final String OPERATOR = "user:operator@localhost";

  final URI command;
  final URI query;
  final URI token;
  final String jdbcBase;

  /** The stack's processes, found from its launcher's. */
  final ProcessTree processes;

  private final Http http = new Http();
  private final DevTokenIssuer issuer;
  private final Map<UUID, String> tokens = new ConcurrentHashMap<>();

  Stack(Options options) {
    this(
        options.commandUrl,
        options.queryUrl,
        options.tokenUrl,
        options.jdbc,
        options.dataDirectory);
  }

  Stack(String commandUrl, String queryUrl, String tokenUrl, String jdbc, Path dataDirectory) {
    this.command = URI.create(commandUrl);
    this.query = URI.create(queryUrl);
    this.token = URI.create(tokenUrl);
    this.jdbcBase = jdbc;
    try {
      this.processes = ProcessTree.localStack(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.issuer = DevTokenIssuer.loadOrCreate(dataDirectory.resolve("issuer"));
  }

  Connection database(String name) throws SQLException {
    return DriverManager.getConnection(jdbcBase + name, "postgres", "postgres");
  }

  /** A bearer token with Admin on the company's Admin and Directory tools. */
  String bearer(UUID company) {
    return tokens.computeIfAbsent(
        company,
        c ->
            "Bearer "
                + issuer.mint(
                    "user:bench@localhost",
                    Map.of(
                        c,
                        Map.of("admin", PermissionLevel.ADMIN, "directory", PermissionLevel.ADMIN)),
                    Duration.ofHours(4)));
  }

  /**
   * A bearer token of the local stack's operator (its launcher names {@code
   * user:operator@localhost} in {@code service-accounts.security.operators}), for the operator
   * endpoints.
   */
  String operator() {
    return "Bearer " + issuer.mint(OPERATOR, Map.of(), Duration.ofHours(4));
  }

  /** Creates an account; answers its id, client id, secret and version. */
  JsonNode create(UUID company, String name) throws IOException {
    Reply response =
        send(
            "POST",
            command.resolve("/companies/" + company + "/service-accounts"),
            bearer(company),
            ContentType.APPLICATION_JSON,
            "{\"name\":\""
                + name
                + "\",\"appType\":\"CUSTOM\",\"contactEmail\":\"bench-"
                + UUID.randomUUID()
                + "@acme.example\"}");
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "create answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Rotates an account's secret (the earlier ones stay valid for an hour); answers the new one. */
  String rotate(UUID company, String id) throws IOException {
    Reply response =
        send(
            "POST",
            command.resolve(
                "/companies/" + company + "/service-accounts/" + id + "/secret-rotations"),
            bearer(company),
            ContentType.APPLICATION_JSON,
            "{\"previousSecretValidFor\":\"PT1H\"}");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "rotation answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("clientSecret").asText();
  }

  /** A client-credentials token request with {@code client_secret_basic}. */
  Reply token(String clientId, String secret) throws IOException {
    return http.clientCredentials(token.resolve("/oauth2/token"), clientId, secret);
  }

  /** Renames an account; answers the HTTP response (its ETag is the new version). */
  Reply rename(UUID company, String id, String name) throws IOException {
    return send(
        "PATCH",
        command.resolve("/companies/" + company + "/service-accounts/" + id),
        bearer(company),
        ContentType.APPLICATION_JSON,
        "{\"name\":\"" + name + "\"}");
  }

  Reply get(URI base, UUID company, String path) throws IOException {
    return send("GET", base.resolve(path), bearer(company), null, null);
  }

  /** One request ({@link Http#send}). */
  Reply send(String method, URI uri, String authorization, ContentType contentType, String body)
      throws IOException {
    return http.send(method, uri, authorization, contentType, body);
  }

  /**
   * A timer's total seconds and count from a service's {@code /actuator/prometheus}, summed over
   * its series whose labels contain {@code labels} (e.g. {@code until="visible"}).
   */
  double[] timer(URI base, String name, String labels) throws IOException {
    String text = send("GET", base.resolve("/actuator/prometheus"), null, null, null).body();
    double[] sumAndCount = new double[2];
    for (String line : text.split("\n")) {
      if (!line.contains(labels)) {
        continue;
      }
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (line.startsWith(name + "_seconds_sum{")) {
        sumAndCount[0] += value;
      } else if (line.startsWith(name + "_seconds_count{")) {
        sumAndCount[1] += value;
      }
    }
    return sumAndCount;
  }

  static long version(Reply response) {
    return Long.parseLong(response.etag().replace("\"", "").replace("W/", ""));
  }
}
