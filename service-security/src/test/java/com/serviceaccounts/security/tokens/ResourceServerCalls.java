package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to a resource server under test with a bearer token: the claims of a token valid now, the
 * call, its answer as JSON, what a refusal of a token looks like, and the server itself ({@link
 * Api}, {@link TrustingPeopleAndTokens}).
 */
final class ResourceServerCalls {

  /** The issuer of people's tokens that {@link TrustingPeopleAndTokens} trusts. */
  static final String PEOPLE = "https://people.example";

  /** The issuer of service accounts' tokens that {@link TrustingPeopleAndTokens} trusts. */
  static final String TOKENS = "https://tokens.example";

  /** The operator of {@link TrustingPeopleAndTokens}. */
  static final String OPERATOR = "user:ops@acme.example";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final KeyPair TRUSTED = TestKeys.rsaKeyPair();

  /** Signs tokens with the key {@link #trustSigner} has a test trust. */
  static final RSASSASigner SIGNER = new RSASSASigner(TRUSTED.getPrivate());

  private ResourceServerCalls() {}

  /** Has the server trust {@link #SIGNER}'s tokens (from a {@code @DynamicPropertySource}). */
  static void trustSigner(DynamicPropertyRegistry registry) {
    TestKeys.trustKey(registry, TRUSTED::getPublic);
  }

  /** The claims of a token of {@code issuer} for {@code subject}, valid for five minutes. */
  static JWTClaimsSet.Builder claims(String issuer, String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  /** A valid token of Alice, a person of no company. */
  static String personToken() {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
              claims(PEOPLE, "user:alice@acme.example").claim("companies", Map.of()).build());
      jwt.sign(SIGNER);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET path} of the server at {@code port}, with {@code token} as bearer unless null. */
  static HttpResponse<String> call(int port, String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** A refused token: a 401 problem with {@code WWW-Authenticate: Bearer}. */
  static void assertUnauthenticated(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .get()
        .asString()
        .startsWith("Bearer");
  }

  /**
   * A test of {@link Api} on a random port that trusts {@link #PEOPLE} for people's tokens and
   * {@link #TOKENS} for service accounts', with {@link #OPERATOR} as its one operator.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @SpringBootTest(
      classes = Api.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "service-accounts.security.issuers.users=" + PEOPLE,
        "service-accounts.security.issuers.service-accounts=" + TOKENS,
        "service-accounts.security.operators=" + OPERATOR
      })
  @interface TrustingPeopleAndTokens {}

  /**
   * A resource server with one operation, who is calling, and stand-ins at actuator's paths (the
   * rules go by path).
   */
  @SpringBootApplication
  @RestController
  static class Api {
    @GetMapping("/caller")
    CallerIdentity caller() {
      return AuthenticatedCallers.current();
    }

    @GetMapping("/numbers")
    String numbers(
        @RequestParam int limit,
        @RequestParam(required = false) Long before,
        @RequestParam(defaultValue = "false") boolean count) {
      return limit + " " + before + " " + count;
    }

    @GetMapping("/texts")
    String texts(@RequestParam String q, @RequestParam(required = false) List<String> type) {
      return q + " " + type;
    }

    @GetMapping("/instants")
    String instants(@RequestParam Instant at) {
      return at.toString();
    }

    @GetMapping("/ids/{id}")
    String id(@PathVariable UUID id) {
      return id.toString();
    }

    @PostMapping("/echo")
    String echo(@RequestBody String body) {
      return body;
    }

    @GetMapping({"/actuator/parked", "/actuator/health", "/actuator/info", "/actuator/prometheus"})
    String actuator() {
      return "{}";
    }
  }
}
