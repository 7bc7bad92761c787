package com.serviceaccounts.token;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token service's endpoints over HTTP, as a client calls them. */
final class TokenApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUri;

  TokenApi(String baseUri) {
    this.baseUri = baseUri;
  }

  /** {@code client_secret_basic}: the credentials in the {@code Authorization} header. */
  Response tokenWithBasic(String clientId, String secret) {
    return post(
        "/oauth2/token", basic(clientId, secret), Map.of("grant_type", "client_credentials"));
  }

  /** {@code client_secret_post}: the credentials in the form. */
  Response tokenWithPost(String clientId, String secret) {
    return post(
        "/oauth2/token",
        null,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  Response post(String path, String authorization, Map<String, String> form) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** A form as it is ({@code form} already encoded), with {@code headers} besides. */
  Response postForm(String path, String form, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return send(request.build());
  }

  /** A client-credentials request with each of {@code authorizations} as an Authorization line. */
  Response postWithHeaders(String path, List<String> authorizations) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
    authorizations.forEach(authorization -> request.header("Authorization", authorization));
    return send(request.build());
  }

  Response introspect(String clientId, String secret, String token) {
    return post("/oauth2/introspect", basic(clientId, secret), Map.of("token", token));
  }

  Response revoke(String clientId, String secret, String token) {
    return post("/oauth2/revoke", basic(clientId, secret), Map.of("token", token));
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUri + path)).GET().build());
  }

  /** {@code method} without a body. */
  Response send(String method, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUri + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static String basic(String clientId, String secret) {
    String pair =
        URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (Exception e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    }
  }

  private static String encode(Map<String, String> form) {
    return new LinkedHashMap<>(form)
        .entrySet().stream()
            .map(
                entry ->
                    URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  record Response(int status, String body, HttpResponse<String> raw) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String accessToken() {
      return json().get("access_token").asText();
    }
  }
}
