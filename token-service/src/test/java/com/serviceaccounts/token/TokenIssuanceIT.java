package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tokens for valid clients, refusals for the others, and what each leaves behind. */
class TokenIssuanceIT extends TokenServiceIntegrationTest {

  @Autowired MeterRegistry meters;

  @Test
  void aValidClientGetsAnRfc9068AccessTokenWithItsPermissionsByBasicAuthentication()
      throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    TokenApi.Response response =
        publishAndAwait(
            account,
            r -> r.status() == 200 && permissions(r).size() == 2,
            account.permissions("admin", PermissionLevel.ADMIN),
            account.permissions("reports", PermissionLevel.READ_ONLY));

    assertThat(response.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(response.json().get("expires_in").asLong()).isBetween(298L, 300L);
    assertThat(response.header("Cache-Control")).contains("no-store");
    SignedJWT jwt = SignedJWT.parse(response.accessToken());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.verify(new ECDSAVerifier(signingKey()))).isTrue();
    assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(jwksKeyIds().get(0));
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + port);
    assertThat(claims.getSubject()).isEqualTo("service-account:" + account.clientId);
    assertThat(claims.getAudience()).containsExactly("service-accounts-api");
    assertThat(claims.getStringClaim("client_id")).isEqualTo(account.clientId);
    assertThat(claims.getStringClaim("actor_type")).isEqualTo("service_account");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(claims.getJSONObjectClaim("companies"))
        .isEqualTo(
            Map.of(account.companyId.toString(), Map.of("admin", "ADMIN", "reports", "READ_ONLY")));
  }

  @Test
  void aTokenRequestIsTimedAsAWholeWithoutSpringSecuritysObservationsOfItsOwn() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    publishAndAwait(account, r -> r.status() == 200);

    // The token endpoint is a filter, not a mapped handler: its requests have no uri pattern.
    assertThat(
            meters.find("http.server.requests").tag("method", "POST").tag("status", "200").timers())
        .isNotEmpty();
    assertThat(meters.getMeters())
        .extracting(meter -> meter.getId().getName())
        .noneMatch(name -> name.startsWith("spring.security"));
  }

  @Test
  void aValidClientGetsATokenByPostAuthentication() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    TokenApi.Response response = api.tokenWithPost(account.clientId, account.secret());

    assertThat(response.status()).isEqualTo(200);
    JWTClaimsSet claims = SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
    assertThat(claims.getStringClaim("client_id")).isEqualTo(account.clientId);
  }

  @Test
  void aClientUsesOneAuthenticationMethodPerRequest() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    String basic = TokenApi.basic(account.clientId, account.secret());

    for (Map<String, String> form :
        List.of(
            Map.of("grant_type", "client_credentials", "client_id", "other", "client_secret", "x"),
            Map.of("grant_type", "client_credentials", "client_secret", account.secret()),
            Map.of("grant_type", "client_credentials", "client_id", "other"))) {
      TokenApi.Response both = api.post("/oauth2/token", basic, form);
      assertThat(both.status()).as(both.body()).isEqualTo(400);
      assertThat(both.json().get("error").asText()).isEqualTo("invalid_request");
      assertThat(both.json().get("error_description").asText()).contains("not both");
      assertThat(both.body()).doesNotContain("access_token");
    }

    // A second Authorization header is refused, not ignored, in either order.
    String other = TokenApi.basic("other", "wrong");
    for (List<String> headers : List.of(List.of(basic, other), List.of(other, basic))) {
      TokenApi.Response twice = api.postWithHeaders("/oauth2/token", headers);
      assertThat(twice.status()).as(twice.body()).isEqualTo(400);
      assertThat(twice.json().get("error").asText()).isEqualTo("invalid_request");
      assertThat(twice.body()).doesNotContain("access_token");
    }

    TokenApi.Response sameClient =
        api.post(
            "/oauth2/token",
            basic,
            Map.of("grant_type", "client_credentials", "client_id", account.clientId));
    assertThat(sameClient.status()).as(sameClient.body()).isEqualTo(200);
  }

  /**
   * A request refused at the HTTP edge, before the authorization server reads it (or before any
   * filter does: Tomcat's limit on cookies), still carries RFC 6749's {@code error} member, which
   * OAuth client libraries look for, and names what is wrong.
   */
  @Test
  void aRefusalAtTheEdgeOfTheTokenEndpointCarriesAnOAuthError() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    String basic = TokenApi.basic(account.clientId, account.secret());
    String form = "grant_type=client_credentials";
    String cookies =
        IntStream.range(0, 201).mapToObj(i -> "c" + i + "=v").collect(Collectors.joining("; "));

    Map<TokenApi.Response, String> refusals =
        Map.of(
            api.postForm("/oauth2/token", form + "&scope=%FF", Map.of("Authorization", basic)),
            "percent-encoded UTF-8",
            api.postForm(
                "/oauth2/token", form, Map.of("Authorization", basic, "Content-Encoding", "gzip")),
            "Content-Encoding",
            api.postForm("/oauth2/token;x=1", form, Map.of("Authorization", basic)),
            "\";\"",
            api.postForm("/oauth2/token", form, Map.of("Authorization", basic, "Cookie", cookies)),
            "201 cookies");
    refusals.forEach(
        (refused, named) -> {
          assertThat(refused.status()).as(refused.body()).isBetween(400, 415);
          JsonNode problem = refused.json();
          assertThat(problem.path("error").asText()).as(named).isEqualTo("invalid_request");
          assertThat(problem.path("error_description").asText()).as(named).isNotBlank();
          assertThat(problem.path("detail").asText()).as(named).contains(named);
          assertThat(problem.path("code").asText()).as(named).isNotBlank();
        });
    // So are refusals Tomcat makes before any filter: headers over 8 KB, a character that must be
    // percent-encoded in the address.
    TokenApi.Response headersTooLarge =
        api.postForm(
            "/oauth2/token", form, Map.of("Authorization", basic, "X-Large", "a".repeat(9_000)));
    assertThat(headersTooLarge.status()).isEqualTo(400);
    assertThat(headersTooLarge.json().path("error").asText()).isEqualTo("invalid_request");
    assertThat(headersTooLarge.json().path("detail").asText()).contains("over 8 KB");
    String unencoded;
    try (Socket socket = new Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("POST /oauth2/token?a[0]=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                      + form.length()
                      + "\r\n\r\n"
                      + form)
                  .getBytes(StandardCharsets.US_ASCII));
      unencoded = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    // An address Tomcat cannot read has no path it knows: its refusal carries the members too.
    assertThat(unencoded)
        .startsWith("HTTP/1.1 400")
        .contains("must be percent-encoded")
        .contains("\"error\":\"invalid_request\"");

    // Basic credentials the authorization server cannot read are described too.
    String unreadable =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("%zz:" + account.secret()).getBytes(StandardCharsets.UTF_8));
    TokenApi.Response refused =
        api.postForm("/oauth2/token", form, Map.of("Authorization", unreadable));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).isEqualTo("invalid_request");
    assertThat(refused.json().path("error_description").asText())
        .contains("client credentials cannot be read");
  }

  @Test
  void anAccountWithoutPermissionsGetsATokenThatGrantsNothing() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    String token = activeAccount(account);

    Map<String, Object> companies =
        SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("companies");

    assertThat(companies).containsOnlyKeys(account.companyId.toString());
    assertThat((Map<?, ?>) companies.get(account.companyId.toString())).isEmpty();
  }

  @Test
  void aPermissionSetBackToNoneLeavesTheToken() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    publishAndAwait(
        account,
        r -> r.status() == 200 && permissions(r).size() == 1,
        account.permissions("documents", PermissionLevel.STANDARD));

    TokenApi.Response response =
        publishAndAwait(
            account,
            r -> r.status() == 200 && permissions(r).isEmpty(),
            account.permissions("documents", PermissionLevel.NONE));

    assertThat(permissions(response)).isEmpty();
  }

  @Test
  void aWrongSecretIsInvalidClientAndASecurityEntryOfTheCompany() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    TokenApi.Response response =
        api.post(
            "/oauth2/token",
            TokenApi.basic(account.clientId, "sas_not-the-secret"),
            Map.of("grant_type", "client_credentials"));
    assertRefused(response);
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");

    try (TopicRecords<SecurityEntry> entries = securityEntries()) {
      TopicRecords.Keyed<SecurityEntry> entry =
          eventually()
              .until(
                  () ->
                      entries
                          .poll(Duration.ofMillis(200), e -> account.id.equals(e.accountId()))
                          .stream()
                          .findFirst(),
                  found -> found.isPresent())
              .orElseThrow();
      assertThat(entry.key()).isEqualTo(account.companyId.toString());
      assertThat(entry.value().companyId()).isEqualTo(account.companyId);
      assertThat(entry.value().source()).isEqualTo("token-service");
      assertThat(entry.value().operation()).isEqualTo("client_credentials");
      assertThat(entry.value().status()).isEqualTo(401);
      assertThat(entry.value().actor()).isEqualTo(account.clientId);
      assertThat(entry.value().actorType()).isEqualTo("service_account");
      assertThat(entry.value().reason()).contains("secret");
      assertThat(entry.value().toString()).doesNotContain(account.secret());
    }
  }

  @Test
  void anUnknownClientIsInvalidClientCountedButNotPublished() {
    String unknown = "sa_unknown_" + UUID.randomUUID();
    double before = refusedUnknown();

    assertRefused(api.tokenWithBasic(unknown, "sas_whatever"));
    assertRefused(api.tokenWithPost(unknown, "sas_whatever"));

    assertThat(refusedUnknown()).isEqualTo(before + 2);
    TestAccount known = TestAccount.inANewCompany();
    activeAccount(known);
    assertRefused(api.tokenWithBasic(known.clientId, "sas_wrong"));
    try (TopicRecords<SecurityEntry> entries = securityEntries()) {
      eventually()
          .until(
              () -> entries.poll(Duration.ofMillis(200)),
              all -> all.stream().anyMatch(e -> known.id.equals(e.value().accountId())));
      assertThat(entries.poll(Duration.ofSeconds(1)))
          .noneMatch(e -> unknown.equals(e.value().actor()));
    }
  }

  @Test
  void requestsWithoutClientAuthenticationOrWithAnotherGrantAreRefusedAsRfc6749Says() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    TokenApi.Response anonymous =
        api.post("/oauth2/token", null, Map.of("grant_type", "client_credentials"));
    assertRefused(anonymous);

    TokenApi.Response password =
        api.post(
            "/oauth2/token",
            TokenApi.basic(account.clientId, account.secret()),
            Map.of("grant_type", "password", "username", "u", "password", "p"));
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");

    TokenApi.Response authorizationCode =
        api.post(
            "/oauth2/token",
            TokenApi.basic(account.clientId, account.secret()),
            Map.of("grant_type", "authorization_code", "code", "x", "redirect_uri", "http://x"));
    assertThat(authorizationCode.status()).isEqualTo(400);
    assertThat(authorizationCode.json().get("error").asText())
        .isIn("unauthorized_client", "invalid_grant");
  }

  @Test
  void issuedTokensAreReportedAsUsagePerSecretWithoutAWritePerToken() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);
    assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
    assertThat(api.tokenWithPost(account.clientId, account.secret()).status()).isEqualTo(200);

    try (TopicRecords<CredentialUsage> usage = usageRecords()) {
      List<TopicRecords.Keyed<CredentialUsage>> reports =
          eventually()
              .until(
                  () -> usage.poll(Duration.ofMillis(200), r -> account.id.equals(r.accountId())),
                  found -> found.stream().mapToLong(r -> r.value().tokensIssued()).sum() >= 3);
      assertThat(reports).allMatch(r -> r.key().equals(account.id.toString()));
      assertThat(reports).allMatch(r -> r.value().companyId().equals(account.companyId));
      assertThat(reports).allMatch(r -> r.value().secretNumber() == 1);
      assertThat(reports.stream().mapToLong(r -> r.value().tokensIssued()).sum()).isEqualTo(3);
      assertThat(reports.size()).isLessThanOrEqualTo(3);
    }
  }

  private double refusedUnknown() {
    var counter =
        meters.find("token.client.authentication.refused").tag("client", "unknown").counter();
    return counter == null ? 0 : counter.count();
  }

  private static Map<?, ?> permissions(TokenApi.Response response) {
    try {
      Map<String, Object> companies =
          SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getJSONObjectClaim("companies");
      return (Map<?, ?>) companies.values().iterator().next();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> jwksKeyIds() throws Exception {
    return JWKSet.parse(api.get("/oauth2/jwks").body()).getKeys().stream()
        .map(key -> key.getKeyID())
        .toList();
  }

  /** The public half of the key pair the service signs with (ES256, its default). */
  static ECPublicKey signingKey() throws Exception {
    String pem = Files.readString(TestTokens.tokenServiceKeyDirectory().resolve("public.pem"));
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (ECPublicKey)
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
