package com.serviceaccounts.ui.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refused request gets the UI's error page when a browser asks, and a problem+json like the
 * services' when any other client does: never Spring Boot's plain JSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorAnswersTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFormWithoutItsCsrfTokenIsA403PageForABrowserAndAProblemForAScript() throws Exception {
    HttpResponse<String> page = post("/sign-in", "email=a%40acme.example", "text/html");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<h1>Something went wrong</h1>").doesNotContain("timestamp");

    for (String accept : new String[] {null, "*/*", "application/json"}) {
      HttpResponse<String> problem = post("/sign-in", "email=a%40acme.example", accept);
      assertProblem(problem, 403);
    }
  }

  @Test
  void aFormOverTheLimitIsAProblemForAScript() throws Exception {
    for (int size : new int[] {16_640, 20_000, 3_000_000}) {
      HttpResponse<String> problem = post("/sign-in", "email=" + "a".repeat(size), null);
      assertProblem(problem, 413);
    }
  }

  @Test
  void aMultipartFormIsNotReadAndIsAProblemForAScript() throws Exception {
    // No form of the UI sends files: a multipart body, even a large one, is not parsed (it was
    // answered 413 with an empty body), so its CSRF token is not found either.
    String boundary = "b0undary";
    String body =
        "--%s\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n%s\r\n--%s--\r\n"
            .formatted(boundary, "a".repeat(2_000_000), boundary);
    HttpResponse<String> problem =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.ofString());
    assertProblem(problem, 403);
  }

  private static void assertProblem(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .as(answer.body())
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("code").asString()).isNotBlank();
    assertThat(problem.has("timestamp")).isFalse();
    assertThat(answer.body().length()).isLessThan(1_000);
  }

  private HttpResponse<String> post(String path, String form, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
