package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.HostileInput;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated hostile query parameters, ids and tokens to every endpoint of query-service over real
 * HTTP (NUL and other control characters, bytes that are not UTF-8, overlong encodings, encoded
 * surrogates, huge values, wrong types, unknown enums, malformed instants and cursors, too many
 * parameters). Whatever is answered: never a 5xx but the documented 503 of read-your-writes, every
 * error an {@code application/problem+json} of bounded size with escaped texts, and nothing stored.
 */
class HostileQueryPropertiesIT {

  static final String TOPIC = "query-properties-it-events";
  static final int TRIES = 300;

  static ConfigurableApplicationContext service;
  static JdbcClient jdbc;
  static String base;
  static TestAccount account;
  static String admin;

  @BeforeContainer
  static void start() throws Exception {
    service =
        QueryServiceOfItsOwn.start(
            "query_service_properties",
            "query-service-properties",
            TOPIC,
            // A read-your-writes wait for a version that never comes ends in a 503 sooner.
            "--service-accounts.read-your-writes.max-wait=PT0.1S");
    base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
    jdbc = service.getBean(JdbcClient.class);
    account = TestAccount.inANewCompany();
    admin = TestTokens.companyAdmin(account.companyId);
    try (EventFeed feed = new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC)) {
      feed.publish(account.created("property target"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> send(path(Endpoint.ACCOUNT, account.id), admin).statusCode() == 200);
  }

  @AfterContainer
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Property(tries = TRIES)
  void hostileParametersAreAnsweredWithoutAServerErrorAndStoreNothing(
      @ForAll("hostileRequests") Request request) throws Exception {
    long stored = storedRows();
    HttpResponse<byte[]> response = send(request.path(), request.token());
    if (response.statusCode() >= 400 || request.refused()) {
      HostileInput.assertBoundedProblem(response, true);
    }
    assertThat(storedRows()).as("rows stored by a read").isEqualTo(stored);
  }

  @Example
  void nulAndInvalidUtf8InAQueryParameterAreA400NamingIt() throws Exception {
    for (String query : List.of("?q=%00", "?q=a%00b", "?actor=%FF", "?actor=%C0%AE")) {
      String name = query.substring(1, query.indexOf('='));
      Endpoint endpoint = name.equals("q") ? Endpoint.LISTING : Endpoint.COMPANY_AUDIT;
      HttpResponse<byte[]> response = send(path(endpoint, account.id) + query, admin);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      HostileInput.assertBoundedProblem(response, false);
      assertThat(new String(response.body())).contains("\"name\":\"" + name + "\"");
    }
  }

  /**
   * A parameter name Spring Security's firewall does not take (an unassigned code point, a
   * noncharacter), read only when the handler asks for parameters: its 400, not a 500 with a stack
   * trace, whoever asks.
   */
  @Example
  void aParameterNameTheFirewallRefusesIsA400NotA500() throws Exception {
    for (String name : List.of("%CD%B8", "%EF%BF%BE", "%F4%8F%BF%BF")) {
      for (String path : List.of(path(Endpoint.LISTING, account.id), "/actuator/health")) {
        HttpResponse<byte[]> response = send(path + "?" + name + "=1", admin);
        assertThat(response.statusCode()).as(path + " " + name).isEqualTo(400);
        HostileInput.assertBoundedProblem(response, false);
      }
    }
  }

  @Example
  void anInstantBeyondFourDigitYearsOrInDigitsIsA400NamingIt() throws Exception {
    List<String> instants =
        List.of(
            "%2B1000000000-01-01T00:00:00Z",
            "%2B999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "%2B10000-01-01T00:00:00Z",
            "31556889864403199",
            "1765017360000");
    for (Endpoint endpoint : Endpoint.values()) {
      for (String name : List.of("from", "to", "asOf")) {
        if (!endpoint.parameters.contains(name)) {
          continue;
        }
        for (String instant : instants) {
          String query = path(endpoint, account.id) + "?" + name + "=" + instant;
          HttpResponse<byte[]> response = send(query, admin);
          assertThat(response.statusCode()).as(query).isEqualTo(400);
          HostileInput.assertBoundedProblem(response, false);
          assertThat(new String(response.body())).contains("\"name\":\"" + name + "\"");
        }
      }
    }
  }

  @Example
  void aListingsMinVersionIsReadAsTheSingleAccountsIs() throws Exception {
    for (String version : List.of("0", "-1", "-9223372036854775808", "%2B5", "%EF%BC%91", "")) {
      String query =
          path(Endpoint.LISTING, account.id) + "?minVersion=" + account.id + ":" + version;
      HttpResponse<byte[]> response = send(query, admin);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      HostileInput.assertBoundedProblem(response, false);
      assertThat(new String(response.body())).contains("\"name\":\"minVersion\"");
    }
  }

  @Example
  void aDirectRequestForTheErrorPageIsA404Problem() throws Exception {
    for (String token : new String[] {null, admin}) {
      HttpResponse<byte[]> response = send("/error", token);
      assertThat(response.statusCode()).isEqualTo(404);
      HostileInput.assertBoundedProblem(response, false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What is generated

  enum Endpoint {
    LISTING(true, "/service-accounts", "page", "size", "status", "appType", "q", "minVersion"),
    ACCOUNT(true, "/service-accounts/{id}", "minVersion", "asOf"),
    STATS(true, "/service-accounts/stats", "from", "to"),
    COMPANY_AUDIT(
        false, "/audit", "actor", "type", "accountId", "from", "to", "cursor", "limit", "count"),
    ACCOUNT_AUDIT(
        false,
        "/service-accounts/{id}/audit",
        "actor",
        "type",
        "from",
        "to",
        "cursor",
        "limit",
        "count",
        "minVersion"),
    VERIFY(false, "/audit/verify", "from", "to"),
    EXPORT(false, "/audit/export", "from", "to", "format"),
    SECURITY_ENTRIES(
        false, "/audit/security-entries", "accountId", "from", "to", "before", "limit"),
    SECURITY_VERIFY(false, "/audit/security-entries/verify");

    /** Whether READ_ONLY on the Admin tool is enough; the audit trail needs ADMIN. */
    final boolean readOnlyEnough;

    final String path;
    final List<String> parameters;

    Endpoint(boolean readOnlyEnough, String path, String... parameters) {
      this.readOnlyEnough = readOnlyEnough;
      this.path = path;
      this.parameters = List.of(parameters);
    }
  }

  /**
   * A request; {@code refused} when it carries a defect every endpoint must refuse (a hostile
   * parameter value, a bad token), so that a 2xx for it fails too.
   */
  record Request(String path, String token, boolean refused) {

    @Override
    public String toString() {
      return (path.length() > 300 ? path.substring(0, 300) + "… (" + path.length() + ")" : path)
          + (token == null ? " without a token" : "")
          + (refused ? " (must be refused)" : "");
    }
  }

  private static String path(Endpoint endpoint, Object id) {
    return "/companies/" + account.companyId + endpoint.path.replace("{id}", String.valueOf(id));
  }

  /** Values of the wrong type or form for the parameters, but clean text. */
  private static Arbitrary<String> oddValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "-1",
            "0",
            "1",
            "500",
            "501",
            "99999999999999999999",
            "2147483647",
            "1.5",
            "true",
            "abc",
            "ACTIVE",
            "DELETED",
            "DELETEDX",
            "CUSTOM,MARKETPLACE",
            "ServiceAccountEdited",
            "NoSuchEvent",
            "2026-11-28T10:15:30Z",
            "2026-13-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z",
            "%2B999999999-12-31T23:59:59Z",
            "-1000000000-01-01T00:00:00Z",
            "31556889864403199",
            "yesterday",
            "csv",
            "json",
            "xml",
            "YmVmb3JlOjQw",
            "YmVmb3JlOi0x",
            "not-a-cursor",
            UUID.randomUUID().toString(),
            UUID.randomUUID() + ":3",
            ":",
            "%25",
            "%2C%2C",
            "%20",
            "+"),
        Arbitraries.strings().alpha().numeric().withChars("-_.:,").ofMaxLength(40));
  }

  @Provide
  Arbitrary<Request> hostileRequests() {
    Arbitrary<Endpoint> endpoints = Arbitraries.of(Endpoint.values());
    return endpoints.flatMap(
        endpoint -> {
          Arbitrary<String> unknownNames =
              Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
          Arbitrary<String> names =
              endpoint.parameters.isEmpty()
                  ? unknownNames
                  : Arbitraries.oneOf(Arbitraries.of(endpoint.parameters), unknownNames);
          Arbitrary<String> odd =
              Combinators.combine(names, oddValues()).as((name, value) -> name + "=" + value);
          Arbitrary<String> hostile =
              Combinators.combine(names, HostileInput.hostileQueryValues())
                  .as((name, value) -> name + "=" + value);
          Arbitrary<String> id =
              Arbitraries.oneOf(
                  Arbitraries.just(account.id.toString()),
                  Arbitraries.create(() -> UUID.randomUUID().toString()),
                  Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40));
          String reader =
              TestTokens.bearer(
                  "user:reader@acme.example",
                  account.companyId,
                  Map.of(CompanyTools.ADMIN, PermissionLevel.READ_ONLY));
          Arbitrary<String> token =
              Arbitraries.frequencyOf(
                  net.jqwik.api.Tuple.of(8, Arbitraries.just(admin)),
                  net.jqwik.api.Tuple.of(
                      1,
                      Arbitraries.of(
                          "",
                          "Bearer x.y.z",
                          TestTokens.expired(account.companyId),
                          TestTokens.signedByAnotherKey(account.companyId),
                          TestTokens.companyAdmin(UUID.randomUUID()),
                          reader)));
          return Combinators.combine(
                  odd.list().ofMaxSize(4),
                  hostile.list().ofMaxSize(2),
                  Arbitraries.integers().between(0, 20).map(n -> n == 20),
                  id,
                  token)
              .as(
                  (oddParameters, hostileParameters, tooMany, accountId, bearer) -> {
                    List<String> parameters = new java.util.ArrayList<>(oddParameters);
                    parameters.addAll(hostileParameters);
                    if (tooMany) {
                      for (int i = 0; i < 120; i++) {
                        parameters.add("p" + i + "=1");
                      }
                    }
                    String query =
                        parameters.isEmpty()
                            ? ""
                            : parameters.stream().collect(Collectors.joining("&", "?", ""));
                    boolean allowed =
                        bearer.equals(admin) || (bearer.equals(reader) && endpoint.readOnlyEnough);
                    boolean refused = !hostileParameters.isEmpty() || tooMany || !allowed;
                    return new Request(
                        path(endpoint, accountId) + query,
                        bearer.isEmpty() ? null : bearer,
                        refused);
                  });
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and counting

  private static HttpResponse<byte[]> send(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
    if (token != null) {
      request.header("Authorization", token);
    }
    return HostileInput.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Everything the projections hold. */
  private static long storedRows() {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM service_account) + (SELECT count(*) FROM audit_entry)"
                + " + (SELECT count(*) FROM security_entry)")
        .query(Long.class)
        .single();
  }
}
