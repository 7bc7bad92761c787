package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.systemtests.CommandLoad.Tally;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The databases go away under the running services (their roles refused, their connections ended):
 * every service answers each request with a 503 and {@code Retry-After} (the OAuth endpoints with
 * {@code temporarily_unavailable}) within its connection timeout, never a 500 nor a request held
 * for half a minute; once the databases are back, nothing acknowledged before is lost, and a secret
 * handed out gets a token on the very next request however long the outage lasted, also one handed
 * out while only the consumers' databases were away.
 */
class DatabaseOutageIT extends ACompanyOnTheRunningSystem {

  /**
   * Long enough for doubled waits after a failure to reach 16 s, were the publisher's and the
   * consumers' not capped.
   */
  private static final Duration OUTAGE = Duration.ofSeconds(35);

  /** Far over each service's connection timeout (3 s), far under HikariCP's default (30 s). */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

  @Test
  void everyServiceAnswers503WhileItsDatabaseIsAwayAndLosesNothing() throws Exception {
    Instant testStart = Instant.now();
    JsonNode before = create();
    String clientId = before.get("clientId").asText();
    String secret = before.get("clientSecret").asText();
    HttpResponse<String> issued = token(clientId, secret);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    String accessToken = JSON.readTree(issued.body()).get("access_token").asText();
    awaitListed(before.get("id").asText());
    List<String> databases = system.databases();

    try (DatabaseOutage commandSide = DatabaseOutage.of(databases.subList(0, 1))) {
      assertUnavailable("create", createRequest());
      // The listing opens contact emails with command-service's data keys, which it cannot read.
      assertUnavailable("listing, its keys away", query(client.accounts()));
    }

    long outageStart = System.nanoTime();
    try (DatabaseOutage everything = DatabaseOutage.of(databases)) {
      for (ServiceProcess service :
          List.of(system.commandService, system.queryService, system.tokenService)) {
        assertHealthDown(service);
      }
      while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
        assertUnavailable("create", createRequest());
        assertUnavailable("listing", query(client.accounts()));
        assertUnavailable("audit trail", query("/companies/" + company + "/audit?limit=5"));
        assertTemporarilyUnavailable("unknown client", token("no-such-client", "secret"));
        assertTemporarilyUnavailable(
            "introspection", oauth(clientId, secret, "/oauth2/introspect", accessToken));
        assertTemporarilyUnavailable(
            "revocation", oauth(clientId, secret, "/oauth2/revoke", accessToken));
        Thread.sleep(1_000);
      }
    }

    // Every service reaches its database again before the secret is handed out.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> token("no-such-client", "secret").statusCode() == 401);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> query(client.accounts()).statusCode() == 200);
    JsonNode after =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  HttpResponse<String> created = createRequest();
                  return created.statusCode() == 201 ? JSON.readTree(created.body()) : null;
                },
                created -> created != null);
    assertUsableAtOnceAndListed(after);

    // The consumers' databases away while an account is created: its event waits on Kafka.
    JsonNode whileAway;
    long consumersAway = System.nanoTime();
    try (DatabaseOutage consumers = DatabaseOutage.of(databases.subList(1, databases.size()))) {
      whileAway = create();
      Thread.sleep(
          Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - consumersAway) / 1_000_000));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> token("no-such-client", "secret").statusCode() == 401);
    HttpResponse<String> applied =
        token(whileAway.get("clientId").asText(), whileAway.get("clientSecret").asText());
    assertThat(applied.statusCode())
        .as(
            "the first token request of the secret handed out while the consumers were away: %s",
            applied.body())
        .isEqualTo(200);
    awaitListed(whileAway.get("id").asText());

    JsonNode listing = JSON.readTree(query(client.accounts()).body());
    List<String> listed = new ArrayList<>();
    listing.get("items").forEach(item -> listed.add(item.get("id").asText()));
    assertThat(listed)
        .as("every account acknowledged")
        .containsExactlyInAnyOrder(
            before.get("id").asText(), after.get("id").asText(), whileAway.get("id").asText());
    assertThat(parkedRecords(databases, testStart))
        .as("records parked by query-service and token-service: none failed for its own data")
        .isZero();
    HttpResponse<String> introspected = oauth(clientId, secret, "/oauth2/introspect", accessToken);
    assertThat(introspected.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(introspected.body()).get("active").asBoolean())
        .as("the token issued before the outage, never revoked")
        .isTrue();
  }

  /**
   * An exclusive lock held on the tables each service needs, for as long as the requests below
   * take: every request that needs them answers a 503 within the services' lock timeout (2 s), not
   * after the lock is let go; once it is, a secret handed out gets a token on its first request,
   * every acknowledged account is listed, and no record was parked.
   */
  @Test
  void requestsThatMeetAHeldLockAnswer503WithinSecondsNotWhenTheLockEnds() throws Exception {
    Instant testStart = Instant.now();
    JsonNode before = create();
    awaitListed(before.get("id").asText());
    List<String> databases = system.databases();
    Map<String, List<String>> tables =
        Map.of(
            databases.get(0), List.of("domainevententry"),
            databases.get(1), List.of("service_account", "audit_entry"),
            databases.get(2), List.of("client_credentials"));

    try (AutoCloseable locks = DatabaseOutage.lockTables(tables)) {
      for (int round = 0; round < 3; round++) {
        assertUnavailable("create", createRequest());
        assertUnavailable("listing", query(client.accounts()));
        assertUnavailable("audit trail", query("/companies/" + company + "/audit?limit=5"));
        assertTemporarilyUnavailable("unknown client", token("no-such-client", "secret"));
      }
    }

    JsonNode after = create();
    assertUsableAtOnceAndListed(after);
    awaitListed(before.get("id").asText());
    assertThat(parkedRecords(databases, testStart)).as("records parked").isZero();
  }

  /**
   * The database ends token-service's and query-service's connections (as a restart or a failover
   * does) and takes new ones at once: the token request and the read right after are answered, not
   * a 503, though the connection each meets first is one the database ended (HikariCP checks only
   * those idle half a second).
   */
  @Test
  void aReadRightAfterTheDatabaseEndedTheConnectionsIsAnswered() throws Exception {
    List<String> databases = system.databases();
    for (int round = 0; round < 5; round++) {
      HttpResponse<String> before = token("unknown-before-" + round, "secret");
      assertThat(before.statusCode()).as(before.body()).isEqualTo(401);
      DatabaseOutage.endConnections(databases.subList(2, 3));
      HttpResponse<String> after = token("unknown-after-" + round, "secret");
      assertThat(after.statusCode()).as("token, round %d: %s", round, after.body()).isEqualTo(401);

      // Several of the pool's connections used within the last half second, as under load: each
      // is handed out unchecked once more after the database ended it.
      ExecutorService readers = Executors.newFixedThreadPool(8);
      try {
        List<Callable<HttpResponse<String>>> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          reads.add(() -> query(client.accounts()));
        }
        for (Future<HttpResponse<String>> read : readers.invokeAll(reads)) {
          assertThat(read.get().statusCode()).as(read.get().body()).isEqualTo(200);
        }
      } finally {
        readers.shutdownNow();
      }
      DatabaseOutage.endConnections(databases.subList(1, 2));
      HttpResponse<String> readAfter = query(client.accounts());
      assertThat(readAfter.statusCode())
          .as("listing, round %d: %s", round, readAfter.body())
          .isEqualTo(200);
    }
  }

  /**
   * The consumers' connections ended every 300 ms for 20 s while four clients create and edit the
   * company's accounts: afterwards every acknowledged command is projected and audited exactly
   * once, and no record was parked (a connection HikariCP closed as broken was taken for a fault of
   * the record's, and the record parked after three attempts, holding its company for good).
   */
  @Test
  void consumersWhoseConnectionsEndAgainAndAgainParkNothingAndLoseNothing() throws Exception {
    List<String> databases = system.databases();
    Instant start = Instant.now();
    Tally tally;
    try (CommandLoad load =
        CommandLoad.start(client, List.of(system.commandService.baseUri()), 4)) {
      DatabaseOutage.endConnectionsAgainAndAgain(
          databases.subList(1, databases.size()), Duration.ofMillis(300), Duration.ofSeconds(20));
      tally = load.stop();
    }

    ExactlyOnce.assertExactlyOnce(
        "consumers' connections ended again and again",
        tally,
        client,
        system.eventStore(),
        system.queryService.baseUri());
    assertThat(parkedRecords(databases, start)).as("records parked").isZero();
  }

  /**
   * The records query-service parked for the company, and token-service parked since {@code start}
   * (the system tests run one after another).
   */
  private long parkedRecords(List<String> databases, Instant start) throws SQLException {
    return count(
            databases.get(1), "SELECT count(*) FROM parked_record WHERE company_id = ?", company)
        + count(
            databases.get(2),
            "SELECT count(*) FROM parked_event WHERE parked_at >= ?",
            Timestamp.from(start));
  }

  private static long count(String database, String sql, Object parameter) throws SQLException {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    try (Connection connection = infrastructure.superuserDataSource(database).getConnection();
        var query = connection.prepareStatement(sql)) {
      query.setObject(1, parameter);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void assertUnavailable(String what, HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).as(what).hasValue("1");
    assertThat(answer.headers().firstValue("Content-Type"))
        .as(what)
        .hasValue("application/problem+json");
    assertThat(JSON.readTree(answer.body()).get("code").asText()).as(what).isEqualTo("unavailable");
  }

  /**
   * The service's health document, DOWN: what monitoring reads, with the components it shows, not a
   * problem.
   */
  private void assertHealthDown(ServiceProcess service) throws Exception {
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(service.baseUri().resolve("/actuator/health")));
    assertThat(health.statusCode()).as("%s: %s", service, health.body()).isEqualTo(503);
    assertThat(JSON.readTree(health.body()).get("status").asText())
        .as("%s: %s", service, health.body())
        .isEqualTo("DOWN");
  }

  private static void assertTemporarilyUnavailable(String what, HttpResponse<String> answer)
      throws Exception {
    assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).as(what).hasValue("1");
    assertThat(JSON.readTree(answer.body()).get("error").asText())
        .as(what)
        .isEqualTo("temporarily_unavailable");
  }

  private JsonNode create() throws Exception {
    HttpResponse<String> response = createRequest();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> createRequest() throws Exception {
    return send(
        HttpRequest.newBuilder(system.commandService.baseUri().resolve(client.accounts()))
            .header("Authorization", TestTokens.companyAdmin(company))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(CompanyClient.newAccount("outage", "CUSTOM", null)))));
  }

  private HttpResponse<String> query(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(system.queryService.baseUri().resolve(path))
            .header("Authorization", TestTokens.companyAdmin(company)));
  }

  /** The account's secret gets a token on its first request, and the account is listed. */
  private void assertUsableAtOnceAndListed(JsonNode created) throws Exception {
    HttpResponse<String> first =
        token(created.get("clientId").asText(), created.get("clientSecret").asText());
    assertThat(first.statusCode())
        .as("the new secret's first token request: %s", first.body())
        .isEqualTo(200);
    awaitListed(created.get("id").asText());
  }

  private void awaitListed(String id) {
    await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> query(client.accounts() + "/" + id).statusCode(), status -> status == 200);
  }

  private HttpResponse<String> token(String clientId, String secret) throws Exception {
    return send(
        HttpRequest.newBuilder(system.tokenService.baseUri().resolve("/oauth2/token"))
            .header("Authorization", basic(clientId, secret))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
  }

  /** A request to introspect or revoke {@code token}, as the client the token was issued to. */
  private HttpResponse<String> oauth(String clientId, String secret, String path, String token)
      throws Exception {
    return send(
        HttpRequest.newBuilder(system.tokenService.baseUri().resolve(path))
            .header("Authorization", basic(clientId, secret))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
  }

  /** Sent with the client's timeout: an answer must come within {@link #ANSWER_WITHIN}. */
  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(ANSWER_WITHIN).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String clientId, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
