package com.serviceaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running local stack as the benchmarks use it: the services over HTTP with tokens from the
 * stack's own development issuer, and its PostgreSQL over JDBC.
 */
final class Stack {

  static final ObjectMapper JSON = new ObjectMapper();

  final URI command;
  final URI query;
  final URI token;
  final String jdbcBase;
  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final DevTokenIssuer issuer;
  private final Map<UUID, String> tokens = new ConcurrentHashMap<>();

  Stack(Options options) {
    this.command = URI.create(options.get("command-url", "http://127.0.0.1:8080"));
    this.query = URI.create(options.get("query-url", "http://127.0.0.1:8081"));
    this.token = URI.create(options.get("token-url", "http://127.0.0.1:8082"));
    this.jdbcBase = options.get("jdbc", "jdbc:postgresql://127.0.0.1:15432/");
    this.issuer =
        DevTokenIssuer.loadOrCreate(
            Path.of(options.get("data-dir", ".local-stack")).resolve("issuer"));
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

  /** Creates an account; answers its id, client id, secret and version. */
  JsonNode create(UUID company, String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(command.resolve("/companies/" + company + "/service-accounts"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(company))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\""
                            + name
                            + "\",\"appType\":\"CUSTOM\",\"contactEmail\":\"bench-"
                            + UUID.randomUUID()
                            + "@acme.example\"}")));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "create answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Renames an account; answers the HTTP response (its ETag is the new version). */
  HttpResponse<String> rename(UUID company, String id, String name)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(command.resolve("/companies/" + company + "/service-accounts/" + id))
            .header("Content-Type", "application/json")
            .header("Authorization", bearer(company))
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
  }

  HttpResponse<String> get(URI base, UUID company, String path)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", bearer(company)).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A timer's total seconds and count from a service's {@code /actuator/prometheus}, summed over
   * its series whose labels contain {@code labels} (e.g. {@code until="visible"}).
   */
  double[] timer(URI base, String name, String labels) throws IOException, InterruptedException {
    String text = send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).GET()).body();
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

  static long version(HttpResponse<?> response) {
    return Long.parseLong(
        response.headers().firstValue("ETag").orElseThrow().replace("\"", "").replace("W/", ""));
  }
}
