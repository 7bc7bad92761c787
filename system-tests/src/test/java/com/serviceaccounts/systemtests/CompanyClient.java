package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Requests to the services as Alice, ADMIN on the Admin and Directory tools of the company a path
 * names; each test works in a company of its own. Safe for concurrent use.
 */
final class CompanyClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final UUID company;

  CompanyClient(UUID company) {
    this.company = company;
  }

  UUID company() {
    return company;
  }

  /** The path of the company's service accounts. */
  String accounts() {
    return "/companies/" + company + "/service-accounts";
  }

  /** The body of a create request with a contact email no other account has. */
  static Map<String, Object> newAccount(String name, String appType, String marketplaceApp) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("appType", appType);
    body.put("contactEmail", UUID.randomUUID() + "@acme.example");
    if (marketplaceApp != null) {
      body.put("marketplaceAppId", marketplaceApp);
    }
    return body;
  }

  /** A command to the command-service instance at {@code service}, as Alice. */
  HttpResponse<String> command(URI service, String method, String path, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(service.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .header("Content-Type", "application/json")
            .header("Authorization", alice(path))
            .timeout(Duration.ofSeconds(60))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A read from the query-service instance at {@code service}, as Alice, whatever it answers. */
  HttpResponse<String> rawQuery(URI service, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(service.resolve(path))
            .header("Authorization", alice(path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A read that must answer 200, as JSON. */
  JsonNode query(URI service, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = rawQuery(service, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** A request with the given {@code Authorization}; a {@code null} body sends none. */
  HttpResponse<String> send(URI uri, String method, String authorization, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", authorization)
            .timeout(Duration.ofSeconds(60));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Alice, ADMIN on the Admin and Directory tools of the company the path names. */
  static String alice(String path) {
    UUID company = UUID.fromString(path.split("[/?]")[2]);
    return TestTokens.bearer(
        "user:alice@acme.example",
        company,
        Map.of(
            CompanyTools.ADMIN,
            PermissionLevel.ADMIN,
            CompanyTools.DIRECTORY,
            PermissionLevel.ADMIN));
  }
}
