package com.serviceaccounts.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls of a service's actuator endpoints (bodiless), as an operator or as anyone else. */
public final class ActuatorCalls {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ActuatorCalls() {}

  /**
   * {@code method} of {@code path} at the service on {@code port} of this host, as the operator.
   */
  public static HttpResponse<String> asOperator(int port, String method, String path)
      throws IOException, InterruptedException {
    return send(port, method, path, TestTokens.operator());
  }

  /**
   * {@code method} of {@code path} at the service on {@code port} of this host, with {@code
   * authorization} as the {@code Authorization} header, or none where it is null or blank.
   */
  public static HttpResponse<String> send(
      int port, String method, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null && !authorization.isBlank()) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
