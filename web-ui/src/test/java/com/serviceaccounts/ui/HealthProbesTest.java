package com.serviceaccounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The probes a platform (and the local stack's launcher) waits on answer without a sign-in: the
 * launcher does not report the stack up until the UI's readiness does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HealthProbesTest {

  @LocalServerPort int port;

  @Test
  void livenessAndReadinessAnswerUp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String probe : new String[] {"liveness", "readiness"}) {
      var answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/actuator/health/" + probe))
                  .build(),
              BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(probe).isEqualTo(200);
      assertThat(answer.body()).as(probe).contains("\"UP\"");
    }
  }

  @Test
  void aHealthComponentTheUiDoesNotHaveIsANotFoundProblem() throws Exception {
    var answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/nope"))
                    .build(),
                BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(answer.body()).contains("\"instance\":\"/actuator/health/nope\"");
  }
}
