package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

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
   * Re-drives the parked record {@code id} of the service on {@code port}, whose consumer the
   * caller has paused, so that the copy stays on its way: the listing marks it, a second re-drive
   * is refused (each is published once), and the record is discarded.
   */
  public static void reDriveTwiceThenDiscard(int port, long id) throws Exception {
    assertThat(asOperator(port, "POST", "/actuator/parked/" + id).statusCode()).isEqualTo(200);
    assertThat(asOperator(port, "GET", "/actuator/parked?limit=1000").body())
        .containsPattern("\\{\"id\":" + id + ",[^}]*\"redrivenAt\":\"[0-9]");
    HttpResponse<String> again = asOperator(port, "POST", "/actuator/parked/" + id);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("record-not-redrivable").contains("is being re-driven");
    assertThat(asOperator(port, "DELETE", "/actuator/parked/" + id).statusCode()).isEqualTo(200);
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
