package com.serviceaccounts.query;

import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service's HTTP API as a client sees it: raw bodies, so nothing is hidden by mapping.
 */
final class QueryApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  QueryApi(int port) {
    this.base = "http://localhost:" + port;
  }

  record Response(int status, String contentType, String etag, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** A JSON document, to compare answers with regardless of key order. */
  static JsonNode json(String document) {
    return JSON.readTree(document);
  }

  Response account(UUID companyId, UUID id) {
    return get("/companies/" + companyId + "/service-accounts/" + id);
  }

  Response audit(UUID companyId, UUID id) {
    return get("/companies/" + companyId + "/service-accounts/" + id + "/audit");
  }

  /** The company-wide audit trail; {@code query} is the query string without {@code ?}. */
  Response companyAudit(UUID companyId, String query) {
    return get("/companies/" + companyId + "/audit" + (query.isEmpty() ? "" : "?" + query));
  }

  /** The body of a GET as a stream, for answers too large to hold; fails unless 200. */
  InputStream stream(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Authorization", TestTokens.companyAdmin(companyOf(path)))
              .GET()
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  Response listing(UUID companyId, int page, int size) {
    return get("/companies/" + companyId + "/service-accounts?page=" + page + "&size=" + size);
  }

  Response listing(UUID companyId) {
    return get("/companies/" + companyId + "/service-accounts");
  }

  /** The company a path names; paths that name none get a caller of some other company. */
  private static UUID companyOf(String path) {
    String[] parts = path.split("[/?]");
    try {
      return UUID.fromString(parts[2]);
    } catch (RuntimeException noCompany) {
      return UUID.randomUUID();
    }
  }

  /** POST without a body, as an admin of the company the path names. */
  Response post(String path) {
    return postAccepting(path, "application/json");
  }

  /** POST without a body, as an admin of the company the path names, accepting {@code accept}. */
  Response postAccepting(String path, String accept) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .POST(HttpRequest.BodyPublishers.noBody())
              .header("Authorization", TestTokens.companyAdmin(companyOf(path)))
              .header("Accept", accept)
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          null,
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  Response get(String path) {
    return getAs(TestTokens.companyAdmin(companyOf(path)), path);
  }

  /** GET as the holder of {@code authorization} (a whole header value; blank sends none). */
  Response getAs(String authorization, String path) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
      if (!authorization.isBlank()) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
