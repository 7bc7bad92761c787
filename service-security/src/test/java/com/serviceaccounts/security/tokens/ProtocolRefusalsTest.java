package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client's request gets when it is refused by the protocol, before or outside any
 * controller: a 4xx problem of bounded size, whatever the method, version or length of its path.
 */
@ResourceServerCalls.TrustingPeopleAndTokens
class ProtocolRefusalsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void trustedKey(DynamicPropertyRegistry registry) {
    ResourceServerCalls.trustSigner(registry);
  }

  @LocalServerPort int port;

  @Test
  void aMethodTomcatDoesNotTakeIsA400ProblemNotA501() throws IOException {
    String answer = exchange("CONNECT /caller HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertThat(status(answer)).as(answer).isEqualTo(400);
    assertThat(problem(answer).path("detail").asText()).contains("method");
    assertThat(problem(answer).path("code").asText()).isEqualTo("malformed-request");
    assertThat(answer)
        .contains("\r\nX-Content-Type-Options: nosniff\r\n")
        .contains("\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n");
  }

  @Test
  void aPathParameterThatIsNotPercentEncodedIsA400ProblemNotA500() throws IOException {
    for (String path : new String[] {"/caller;%zz", "/;%zz", "/nope;a=%", "/caller;%u0041/x"}) {
      String answer =
          exchange(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + ResourceServerCalls.personToken()
                  + "\r\n\r\n");
      assertThat(status(answer)).as(answer).isEqualTo(400);
      assertThat(problem(answer).path("detail").asText()).as(path).contains("percent-encoded");
    }
  }

  @Test
  void anHttpVersionTomcatDoesNotSpeakIsA400ProblemNotA505() throws IOException {
    String answer = exchange("GET /caller HTTP/9.9\r\nHost: localhost\r\n\r\n");
    assertThat(status(answer)).as(answer).isEqualTo(400);
    assertThat(problem(answer).path("detail").asText()).contains("HTTP version");
    assertThat(problem(answer).path("code").asText()).isEqualTo("malformed-request");
  }

  @Test
  void aTransferCodingOrExpectationTomcatDoesNotTakeOrTooManyHeadersAreNamedAsSuch()
      throws IOException {
    for (String coding : new String[] {"xchunked", "gzip, chunked"}) {
      String answer =
          exchange(
              "POST /caller HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
                  + coding
                  + "\r\n\r\n0\r\n\r\n");
      assertThat(status(answer)).as(answer).isEqualTo(400);
      assertThat(problem(answer).path("detail").asText()).as(coding).contains("Transfer-Encoding");
    }
    String expect =
        exchange(
            "POST /caller HTTP/1.1\r\nHost: localhost\r\nExpect: 200-ok\r\nContent-Length:"
                + " 0\r\n\r\n");
    assertThat(status(expect)).as(expect).isEqualTo(417);
    assertThat(problem(expect).path("detail").asText()).contains("Expect");
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      headers.append("X-").append(i).append(": 1\r\n");
    }
    String many = exchange("GET /caller HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
    assertThat(status(many)).as(many).isEqualTo(400);
    assertThat(problem(many).path("detail").asText()).contains("more than 100 headers");
  }

  @Test
  void aLongPathIsNotRepeatedWhole() throws IOException {
    String path = "/" + "a".repeat(7_000);
    for (String request :
        new String[] {
          "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
          "GET "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nAccept: "
              + "a".repeat(5_000)
              + "\r\n\r\n"
        }) {
      String answer = exchange(request);
      assertThat(status(answer)).as(answer).isBetween(400, 499);
      assertThat(answer).contains("application/problem+json");
      assertThat(body(answer).length()).as(answer).isLessThan(1_500);
    }
  }

  @Test
  void anAcceptHeaderThatIsNoMediaTypeIsA400Problem() throws Exception {
    for (String accept : new String[] {"a".repeat(5_000), "text/", "application/xml"}) {
      String answer =
          exchange(
              "POST /caller HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + ResourceServerCalls.personToken()
                  + "\r\nAccept: "
                  + accept
                  + "\r\nContent-Length: 0\r\n\r\n");
      assertThat(status(answer)).as(answer).isBetween(400, 499);
      assertThat(answer).as(answer).contains("application/problem+json");
      assertThat(problem(answer).path("code").asText()).as(answer).isNotBlank();
      assertThat(body(answer).length()).as(answer).isLessThan(1_500);
    }
  }

  @Test
  void anAcceptListOfMoreThanFiftyMediaTypesIsA400Problem() throws Exception {
    String accept = String.join(", ", java.util.Collections.nCopies(150, "text/plain"));
    String answer =
        exchange(
            "GET /caller HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + ResourceServerCalls.personToken()
                + "\r\nAccept: "
                + accept
                + ", application/json\r\n\r\n");
    assertThat(status(answer)).as(answer).isEqualTo(400);
    assertThat(problem(answer).path("detail").asText()).contains("at most 50");
  }

  @Test
  void aHeaderThatSaysOneThingGivenTwiceIsA400Problem() throws Exception {
    for (String twice :
        new String[] {
          "Authorization: Bearer "
              + ResourceServerCalls.personToken()
              + "\r\nAuthorization: Bearer x",
          "Authorization: Bearer "
              + ResourceServerCalls.personToken()
              + "\r\nContent-Type: text/plain",
          "Authorization: Bearer "
              + ResourceServerCalls.personToken()
              + "\r\nContent-Encoding: identity\r\nContent-Encoding: gzip",
          // Read joined ("k1,k2"): a retry with either alone would not be the same request.
          "Authorization: Bearer "
              + ResourceServerCalls.personToken()
              + "\r\nIdempotency-Key: k1\r\nIdempotency-Key: k2",
          "Authorization: Bearer "
              + ResourceServerCalls.personToken()
              + "\r\nX-Correlation-Id: c1\r\nX-Correlation-Id: c2"
        }) {
      String answer =
          exchange(
              "POST /caller HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + twice
                  + "\r\nContent-Length: 2\r\n\r\n{}");
      assertThat(status(answer)).as(answer).isEqualTo(400);
      assertThat(problem(answer).path("detail").asText()).as(answer).contains("send it once");
    }
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String body(String answer) {
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    return body.startsWith("{")
        ? body
        : body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
  }

  private static JsonNode problem(String answer) {
    return JSON.readTree(body(answer));
  }
}
