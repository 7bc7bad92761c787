package com.serviceaccounts.security.tokens;

import static com.serviceaccounts.security.tokens.ResourceServerCalls.OPERATOR;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.PEOPLE;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.TOKENS;
import static com.serviceaccounts.security.tokens.ResourceServerCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A resource server accepts a token only with a trusted signature, an {@code exp}, a {@code sub}
 * and a trusted {@code iss}; the issuer, not a claim, says whether the caller is a person or a
 * service account. Every refusal is a 401 problem naming what is wrong.
 */
@ResourceServerCalls.TrustingPeopleAndTokens
class BearerTokenValidationTest {

  @DynamicPropertySource
  static void trustedKey(DynamicPropertyRegistry registry) {
    ResourceServerCalls.trustSigner(registry);
  }

  @LocalServerPort int port;

  @Test
  void aPersonsTokenIsAUser() {
    HttpResponse<String> response = call(token(JOSEObjectType.JWT, person()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("actor").asString()).isEqualTo("user:alice@acme.example");
    assertThat(json(response).get("actorType").asString()).isEqualTo("user");
  }

  @Test
  void theTokenServicesTokenIsAServiceAccount() {
    HttpResponse<String> response = call(token(new JOSEObjectType("at+jwt"), serviceAccount()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("actor").asString()).isEqualTo("service-account:sa_1");
    assertThat(json(response).get("actorType").asString()).isEqualTo("service_account");
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    assertRefused(with(person(), claims -> claims.expirationTime(null)), "exp is required");
  }

  @Test
  void anExpiredTokenIsRefused() {
    assertRefused(
        with(
            person(),
            claims ->
                claims
                    .issueTime(Date.from(Instant.now().minusSeconds(900)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(600)))),
        "Jwt expired");
  }

  /**
   * Refused 5 s after its {@code exp} (clocks that differ by a few seconds), not Spring Security's
   * 60: a token lives as long as it says.
   */
  @Test
  void aTokenExpiredSecondsAgoIsRefused() {
    assertRefused(
        with(
            serviceAccount(),
            claims ->
                claims
                    .issueTime(Date.from(Instant.now().minusSeconds(310)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(10)))),
        "Jwt expired");
  }

  @Test
  void aTokenWithoutSubjectIsRefused() {
    assertRefused(with(person(), claims -> claims.subject(null)), "sub");
  }

  @Test
  void aTokenOfAnIssuerNotTrustedIsRefused() {
    assertRefused(with(person(), claims -> claims.issuer("https://evil.example")), "iss");
    assertRefused(with(person(), claims -> claims.issuer(null)), "iss");
  }

  @Test
  void aSubjectThatMixesLettersOfScriptsThatPassForEachOthersIsRefused() {
    for (String lookAlike :
        List.of(
            "user:\u0430dmin@localhost",
            "user:adm\u0456n@localhost",
            "user:\u03bfps@acme.example")) {
      HttpResponse<String> response = call(rawToken(lookAlike));
      ResourceServerCalls.assertUnauthenticated(response);
      assertThat(json(response).get("detail").asString()).as(lookAlike).contains("must not mix");
    }
    // One script in the name is a name: Cyrillic, Greek, Latin with accents or with Han.
    for (String name :
        List.of(
            "user:\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
            "user:\u03bd\u03b9\u03ba\u03bf\u03c2@\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.\u03b5\u03bb",
            "user:ren\u00e9@acme.example",
            "user:\u738b@acme.example")) {
      assertThat(call(rawToken(name)).statusCode()).as(name).isEqualTo(200);
    }
  }

  @Test
  void aPersonsTokenCannotNameAServiceAccountOrTheSystem() {
    assertRefused(
        with(person(), claims -> claims.subject("service-account:sa_1")), "sub service-account");
    assertRefused(with(person(), claims -> claims.subject("system:retention")), "is reserved");
    assertRefused(with(person(), claims -> claims.subject("system")), "is reserved");
    HttpResponse<String> long_ =
        call(token(JOSEObjectType.JWT, claims(PEOPLE, "system:" + "a".repeat(300)).build()));
    ResourceServerCalls.assertUnauthenticated(long_);
    assertThat(json(long_).get("detail").asString())
        .as("a reserved sub quoted at most 200 characters")
        .contains("is reserved")
        .doesNotContain("a".repeat(200));
    // A person's name is shown without its user: wherever a person's is: it must not read as one.
    for (String named : List.of("user:service-account:sa_1", "user:system", "user:SYSTEM:x")) {
      assertRefused(with(person(), claims -> claims.subject(named)), "is reserved");
    }
    // Only what reads as one: a person whose name begins so is not.
    for (String person :
        List.of(
            "systematic@acme.example",
            "system.admin@acme.example",
            "services@acme.example",
            "sy5tem@acme.example",
            "modern@acme.example")) {
      assertThat(call(rawToken(person)).statusCode()).as(person).isEqualTo(200);
    }
    for (String disguised :
        List.of(
            "SERVICE-ACCOUNT:sa_1",
            "System:x",
            "SYSTEM",
            "\uff53ervice-account:sa_1",
            "service\u2010account:sa_1",
            "service\u2212account:sa_1",
            "service\u2014account:sa_1",
            "service\ufe63account:sa_1",
            "\u0455ervice-account:sa_1",
            "serv\u0131ce-account:sa_1",
            "SERV\u0130CE-ACCOUNT:sa_1",
            "service_account:sa_1",
            "service account:sa_1",
            "service-account :sa_1",
            "service\u2043account:sa_1",
            "system\u2236purge",
            "\u0455ystem:purge",
            "system \u0589purge",
            "systern:purge",
            "serv1ce-acc0unt:sa_1",
            "servlce-account:sa_1")) {
      assertRefused(with(person(), claims -> claims.subject(disguised)), "is reserved");
    }
  }

  /**
   * The {@code sub} is the actor that events record and auditors read: every control character
   * (U+0000 and CR LF among them), an unpaired surrogate, more than 320 characters, a character
   * that hides when shown, a space around it or a spreadsheet formula's first character is refused;
   * a pair of surrogates (an emoji), an accent, an inner space and 320 characters pass.
   */
  @Test
  void aSubjectNoEventCouldCarryIsRefused() {
    List<String> refused = new ArrayList<>();
    for (char c = 0; c < 0x20; c++) {
      refused.add("\\u%04x".formatted((int) c));
    }
    for (char c = 0x7f; c <= 0x9f; c++) {
      refused.add("\\u%04x".formatted((int) c));
    }
    refused.addAll(List.of("\\ud800", "\\udfff", "\\udbff\\udbff", "x".repeat(316)));
    // What hides when shown: zero-width, bidirectional, byte order mark, separators, nonchars.
    refused.addAll(
        List.of(
            "\\u200b",
            "\\u202e",
            "\\ufeff",
            "\\u2028",
            "\\u2029",
            "\\ufffe",
            "\\ufdd0",
            " ",
            "\\u3164",
            "\\u034f",
            "\\u2800",
            "\\ufe0f",
            "\\u180b",
            "\\ue000",
            "\\ud81b\\udfe4",
            // What passes for a space, or for nothing: shown escaped, it would read as other text.
            "\\u00a0b",
            "\\u3000b",
            "\\u0378b"));
    for (String tail : refused) {
      HttpResponse<String> response = call(rawToken("user:a" + tail));
      ResourceServerCalls.assertUnauthenticated(response);
      assertThat(json(response).get("detail").asString()).as(tail).contains("sub must");
      assertThat(response.body().length()).as(tail).isLessThan(1_000);
    }
    for (String tail : List.of("\\ud83d\\ude00", "x".repeat(314), "\\u00e9 b", "\\\\u00a0b")) {
      assertThat(call(rawToken("user:a" + tail)).statusCode()).as(tail).isEqualTo(200);
    }
    for (String formula :
        List.of(
            "=cmd|calc!A0",
            "+1",
            "-1+1",
            "@SUM(A1)",
            " user:a",
            "user:",
            "user: a",
            "user:\u3000a",
            "\uff1dcmd|calc!A0",
            "\uff20SUM(A1)")) {
      HttpResponse<String> response = call(rawToken(formula));
      ResourceServerCalls.assertUnauthenticated(response);
      assertThat(json(response).get("detail").asString()).as(formula).contains("sub must");
    }
  }

  @Test
  void aServiceAccountTokenMustNameItsAccount() {
    assertRefused(
        with(serviceAccount(), claims -> claims.subject("user:alice@acme.example")),
        "sub = service-account:<client_id>");
    assertRefused(
        with(serviceAccount(), claims -> claims.claim("client_id", "sa_2")),
        "sub = service-account:<client_id>");
  }

  @Test
  void anActorTypeClaimChangesNothing() {
    HttpResponse<String> response =
        call(
            token(
                JOSEObjectType.JWT,
                with(person(), claims -> claims.claim("actor_type", "system")).build()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("actorType").asString()).isEqualTo("user");
    response =
        call(
            token(
                JOSEObjectType.JWT,
                with(person(), claims -> claims.claim("actor_type", "service_account")).build()));
    assertThat(json(response).get("actorType").asString()).isEqualTo("user");
  }

  @Test
  void onlyAListedPersonIsAnOperator() {
    assertThat(call("/actuator/parked", token(JOSEObjectType.JWT, operator().build())).statusCode())
        .isEqualTo(200);
    // Health, info and prometheus need no token.
    for (String open :
        new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus"}) {
      assertThat(call(open, null).statusCode()).as(open).isEqualTo(200);
    }
    HttpResponse<String> anonymous = call("/actuator/parked", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    // Anybody else, even a service account whose client id spells the operator's name, or the
    // operator's subject from the service accounts' issuer.
    for (JWTClaimsSet other :
        new JWTClaimsSet[] {
          person(),
          serviceAccount(),
          with(serviceAccount(), claims -> claims.subject("service-account:" + OPERATOR))
              .claim("client_id", OPERATOR)
              .build()
        }) {
      HttpResponse<String> refused =
          call("/actuator/parked", token(new JOSEObjectType("at+jwt"), other));
      assertThat(refused.statusCode()).as(other.getSubject()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(refused).get("type").asString())
          .isEqualTo("urn:service-accounts:problem:not-an-operator");
    }
    assertThat(
            call(
                    "/actuator/parked",
                    token(
                        JOSEObjectType.JWT,
                        with(
                                operator().build(),
                                claims -> claims.issuer(TOKENS).claim("client_id", "x"))
                            .build()))
                .statusCode())
        .isEqualTo(401);
    // An operator's token is still an ordinary person's token elsewhere.
    assertThat(call("/caller", token(JOSEObjectType.JWT, operator().build())).statusCode())
        .isEqualTo(200);
  }

  private void assertRefused(JWTClaimsSet.Builder claims, String reason) {
    HttpResponse<String> response = call(token(JOSEObjectType.JWT, claims.build()));
    ResourceServerCalls.assertUnauthenticated(response);
    assertThat(json(response).get("detail").asString()).contains(reason);
  }

  private static JWTClaimsSet person() {
    return claims(PEOPLE, "user:alice@acme.example").build();
  }

  private static JWTClaimsSet.Builder operator() {
    return claims(PEOPLE, OPERATOR);
  }

  private static JWTClaimsSet serviceAccount() {
    return claims(TOKENS, "service-account:sa_1").claim("client_id", "sa_1").build();
  }

  private static JWTClaimsSet.Builder claims(String issuer, String subject) {
    return ResourceServerCalls.claims(issuer, subject).claim("companies", Map.of());
  }

  private static JWTClaimsSet.Builder with(
      JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change) {
    return change.apply(new JWTClaimsSet.Builder(claims));
  }

  private static String token(JOSEObjectType type, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).build(), claims);
      jwt.sign(ResourceServerCalls.SIGNER);
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A person's token whose {@code sub} is {@code subject} as written in JSON, escapes included. */
  private static String rawToken(String subject) {
    String json = person().toString().replace("\"user:alice@acme.example\"", "\"" + subject + "\"");
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
              new Payload(json));
      jws.sign(ResourceServerCalls.SIGNER);
      return jws.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> call(String token) {
    return call("/caller", token);
  }

  private HttpResponse<String> call(String path, String token) {
    return ResourceServerCalls.call(port, path, token);
  }
}
