package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event contract is open to read without a token, by every method that reads. */
@ResourceServerCalls.TrustingPeopleAndTokens
class EventContractAccessTest {

  @DynamicPropertySource
  static void trustedKey(DynamicPropertyRegistry registry) {
    ResourceServerCalls.trustSigner(registry);
  }

  @LocalServerPort int port;

  @Test
  void getHeadAndOptionsReadTheContractWithoutAToken() throws Exception {
    for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
      HttpResponse<String> answer = send(method, "/events/asyncapi.json");

      assertThat(answer.statusCode()).as(method).isEqualTo(200);
    }
    assertThat(send("HEAD", "/events/asyncapi.json").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    // What does not read is refused as a method, not as a missing token.
    assertThat(send("DELETE", "/events/asyncapi.json").statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
