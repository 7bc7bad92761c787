package com.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The life cycle over HTTP on real PostgreSQL and Kafka, with a short restore window so that the
 * purge job can be watched, and a low snapshot threshold so that snapshots are taken.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.events.topic=lifecycle-it-events",
      "service-accounts.lifecycle.restore-window=PT3S",
      "service-accounts.lifecycle.purge-interval=PT0.2S",
      "service-accounts.snapshot-threshold=5",
      "service-accounts.security-entries.topic=" + ServiceAccountLifecycleIT.SECURITY_TOPIC
    })
@ExtendWith(OutputCaptureExtension.class)
class ServiceAccountLifecycleIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECURITY_TOPIC = "lifecycle-it-security";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "command_service_lifecycle");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PersonalDataVault vault;

  private final HttpClient http = HttpClient.newHttpClient();
  private final UUID company = UUID.randomUUID();
  private final String accounts = "/companies/" + company + "/service-accounts";

  @Test
  void deactivateReactivateAndIllegalTransitions() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");

    HttpResponse<String> deactivated =
        send("POST", accounts + "/" + id + "/deactivation", null, null);
    assertThat(deactivated.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(deactivated.body()).get("status").asText()).isEqualTo("DEACTIVATED");

    HttpResponse<String> twice = send("POST", accounts + "/" + id + "/deactivation", null, null);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(twice.body()).get("accountStatus").asText()).isEqualTo("DEACTIVATED");

    assertThat(send("POST", accounts + "/" + id + "/reactivation", null, null).statusCode())
        .isEqualTo(200);
  }

  /**
   * A reactivation or restoration ends the account's tokens issued before it, as its deactivation
   * or deletion did: those token-service issued while the account was deactivated, before it heard
   * of the deactivation, included.
   */
  @Test
  void aReactivationOrRestorationEndsTheTokensIssuedBeforeIt() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    assertThat(send("POST", accounts + "/" + id + "/deactivation", null, null).statusCode())
        .isEqualTo(200);
    Instant deactivated = tokensNotBefore(id);

    Instant beforeReactivation = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertThat(send("POST", accounts + "/" + id + "/reactivation", null, null).statusCode())
        .isEqualTo(200);
    Instant reactivated = tokensNotBefore(id);
    assertThat(reactivated).isAfter(deactivated).isAfterOrEqualTo(beforeReactivation);

    assertThat(send("DELETE", accounts + "/" + id, null, null).statusCode()).isEqualTo(200);
    Instant beforeRestoration = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertThat(send("POST", accounts + "/" + id + "/restoration", null, null).statusCode())
        .isEqualTo(200);
    assertThat(tokensNotBefore(id)).isAfterOrEqualTo(beforeRestoration);
  }

  private Instant tokensNotBefore(String id) {
    return jdbc.sql("SELECT tokens_not_before FROM service_account_lookup WHERE account_id = ?")
        .param(UUID.fromString(id))
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }

  @Test
  void ifMatchWithAStaleVersionIsPreconditionFailedAndStoresNothing() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    assertThat(send("PATCH", accounts + "/" + id, "{\"name\":\"second\"}", "\"1\"").statusCode())
        .isEqualTo(200);
    long events = events(id);

    HttpResponse<String> stale =
        send("PATCH", accounts + "/" + id, "{\"name\":\"third\"}", "\"1\"");

    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
    assertThat(events(id)).isEqualTo(events);
  }

  @Test
  void permissionsChangeAndUnknownToolsAreRefused() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    HttpResponse<String> changed =
        send("PATCH", accounts + "/" + id + "/permissions", "{\"reports\":\"READ_ONLY\"}", null);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(changed.body()).get("version").asLong()).isEqualTo(2);

    HttpResponse<String> unknown =
        send("PATCH", accounts + "/" + id + "/permissions", "{\"payroll\":\"ADMIN\"}", null);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(unknown.body()).at("/errors/0/field").asText())
        .isEqualTo("permissions.payroll");
    assertThat(events(id)).isEqualTo(2);
  }

  @Test
  void aRotatedSecretIsShownOnceAndStoredOnlyAsAHash(CapturedOutput output) throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    HttpResponse<String> rotated =
        send(
            "POST",
            accounts + "/" + id + "/secret-rotations",
            "{\"previousSecretValidFor\":\"PT0S\"}",
            null);
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(rotated.body());
    String secret = body.get("clientSecret").asText();
    assertThat(body.get("secretNumber").asInt()).isEqualTo(2);

    String stored =
        jdbc.sql(
                "SELECT string_agg(convert_from(payload, 'UTF8'), '') FROM domainevententry"
                    + " WHERE aggregateidentifier = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(stored).contains("sha256:").doesNotContain(secret);
    assertThat(output.getAll()).doesNotContain(secret);
  }

  @Test
  void aDeletedAccountCanBeRestoredWithinItsWindowButNotEdited() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    assertThat(send("DELETE", accounts + "/" + id, null, null).statusCode()).isEqualTo(200);

    HttpResponse<String> edit = send("PATCH", accounts + "/" + id, "{\"name\":\"x\"}", null);
    assertThat(edit.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(edit.body()).get("accountStatus").asText()).isEqualTo("DELETED");

    assertThat(send("POST", accounts + "/" + id + "/restoration", null, null).statusCode())
        .isEqualTo(200);
    assertThat(send("PATCH", accounts + "/" + id, "{\"name\":\"back\"}", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void afterItsWindowADeletedAccountIsPurgedItsEmailShreddedAndFreeAgain() throws Exception {
    String email = UUID.randomUUID() + "@acme.example";
    HttpResponse<String> created = sendWithKey(createBody(email), "shred-" + email);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("id").asText();
    UUID account = UUID.fromString(id);
    assertThat(send("POST", accounts, createBody(email), null).statusCode()).isEqualTo(409);

    // Stored events hold the email only sealed, and no fingerprint of the create request.
    String sealed = storedCreation(id).get("sealedContactEmail").asText();
    assertThat(storedEvents(id))
        .allSatisfy(row -> assertThat(row).doesNotContain(email).doesNotContain("requestHash"));
    assertThat(vault.open(account, sealed)).contains(email);

    assertThat(send("DELETE", accounts + "/" + id, null, null).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> storedEvents(id).stream().anyMatch(row -> row.contains("ServiceAccountPurged")));

    // The key is gone: the sealed email in the immutable event store can no longer be opened.
    assertThat(storedCreation(id).get("sealedContactEmail").asText()).isEqualTo(sealed);
    assertThat(vault.open(account, sealed)).isEmpty();
    assertThat(
            jdbc.sql("SELECT count(*) FROM personal_data_key WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM create_request WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(send("POST", accounts + "/" + id + "/restoration", null, null).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", accounts, createBody(email), null).statusCode()).isEqualTo(201);
  }

  /** The account's stored events, each as its payload type, payload and metadata in one text. */
  private List<String> storedEvents(String id) {
    return jdbc.sql(
            "SELECT payloadtype || convert_from(payload, 'UTF8') || convert_from(metadata, 'UTF8')"
                + " FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
        .param(id)
        .query(String.class)
        .list();
  }

  private JsonNode storedCreation(String id) throws Exception {
    return JSON.readTree(
        jdbc.sql(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                    + " WHERE aggregateidentifier = ? AND sequencenumber = 0")
            .param(id)
            .query(String.class)
            .single());
  }

  @Test
  void longHistoriesAreSnapshottedAndStillLoadCorrectly() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    for (int i = 1; i <= 12; i++) {
      assertThat(
              send("PATCH", accounts + "/" + id, "{\"name\":\"name " + i + "\"}", null)
                  .statusCode())
          .isEqualTo(200);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                    > 0);
    HttpResponse<String> next =
        send("PATCH", accounts + "/" + id, "{\"name\":\"after snapshot\"}", "\"13\"");
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(JSON.readTree(next.body()).get("version").asLong()).isEqualTo(14);
    assertThat(send("PATCH", accounts + "/" + id, "{\"name\":\"after snapshot\"}", null).body())
        .contains("\"version\":14");
  }

  @Test
  void anIdempotentRetryCreatesOneAccountEvenWhenRacing() throws Exception {
    String body = createBody(UUID.randomUUID() + "@acme.example");
    String key = UUID.randomUUID().toString();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    java.util.List<java.util.concurrent.Future<HttpResponse<String>>> racing =
        new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        racing.add(pool.submit(() -> sendWithKey(body, key)));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      int created = 0;
      for (var response : racing) {
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        created += answer.statusCode() == 201 ? 1 : 0;
        ids.add(JSON.readTree(answer.body()).get("id").asText());
      }
      assertThat(created).isEqualTo(1);
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    HttpResponse<String> retry = sendWithKey(body, key);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).get("clientSecret").isNull()).isTrue();

    HttpResponse<String> other = sendWithKey(createBody(UUID.randomUUID() + "@acme.example"), key);
    assertThat(other.statusCode()).isEqualTo(422);
  }

  private HttpResponse<String> sendWithKey(String body, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + accounts))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", AdminTokens.forPath(accounts))
            .header("Idempotency-Key", key)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRefusalOfTheCompanysCallersIsRecordedAsASecurityEntryOnTheSecurityTopic()
      throws Exception {
    String email = UUID.randomUUID() + "@acme.example";
    String id = create(email);
    String account = accounts + "/" + id;
    String viewer =
        TestTokens.bearer(
            "user:viewer@acme.example",
            company,
            Map.of(CompanyTools.ADMIN, PermissionLevel.READ_ONLY));
    assertThat(sendAs("", "POST", accounts, createBody("x@acme.example")).statusCode())
        .isEqualTo(401);
    assertThat(
            sendAs(TestTokens.companyAdmin(UUID.randomUUID()), "PATCH", account, "{\"name\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> forbidden = sendAs(viewer, "POST", account + "/deactivation", null);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(forbidden.body()).get("status").asInt()).isEqualTo(403);
    assertThat(send("POST", account + "/deactivation", null, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", account + "/deactivation", null, null).statusCode()).isEqualTo(409);
    assertThat(send("PATCH", account, "{\"name\":\"late\"}", "\"1\"").statusCode()).isEqualTo(412);
    assertThat(send("PATCH", account, "{\"contactEmail\":\"y@acme.example\"}", null).statusCode())
        .isEqualTo(422);
    // The taken email is not told back: the chain keeps its reason for good, past any erasure.
    HttpResponse<String> taken = send("POST", accounts, createBody(email.toUpperCase()), null);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).doesNotContainIgnoringCase(email);

    List<JsonNode> entries = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "security-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(SECURITY_TOPIC));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.key().equals(company.toString())) {
                    entries.add(JSON.readTree(record.value()));
                  }
                }
                return entries.size() >= 5;
              });
    }
    // Not the request without a token (401) nor another company's admin's (404), which came
    // first: anyone could write them into any company's trail.
    assertThat(entries)
        .extracting(entry -> entry.get("status").asInt())
        .containsExactlyInAnyOrder(403, 409, 409, 412, 422);
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry.toString()).as("no contact email").doesNotContainIgnoringCase(email);
              assertThat(entry.get("companyId").asText()).isEqualTo(company.toString());
              assertThat(entry.get("source").asText()).isEqualTo("command-service");
              assertThat(entry.get("reason").asText()).isNotBlank();
              assertThat(entry.toString()).as("no token").doesNotContain("eyJ");
            });
    JsonNode forbiddenEntry =
        entries.stream().filter(entry -> entry.get("status").asInt() == 403).findFirst().get();
    assertThat(forbiddenEntry.get("actor").asText()).isEqualTo("user:viewer@acme.example");
    assertThat(forbiddenEntry.get("actorType").asText()).isEqualTo("user");
    assertThat(forbiddenEntry.get("accountId").asText()).isEqualTo(id);
    assertThat(forbiddenEntry.get("operation").asText())
        .isEqualTo("POST /companies/{id}/service-accounts/{id}/deactivation");
    // Whoever a valid token authenticated is named, whichever refused the request.
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry.get("actor").asText()).startsWith("user:");
              assertThat(entry.get("actorType").asText()).isEqualTo("user");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM security_outbox WHERE company_id = ?")
                        .param(company)
                        .query(Long.class)
                        .single()
                    == 0);
  }

  /**
   * Every operation × every kind of caller: no token or a bad one → 401, a caller of another
   * company → 404, too low a level → 403, enough → 2xx; and a refused request stores nothing.
   */
  @Test
  void authorizationMatrix() throws Exception {
    String id = create(UUID.randomUUID() + "@acme.example");
    String account = accounts + "/" + id;
    String noAdmin =
        TestTokens.bearer(
            "user:viewer@acme.example",
            company,
            Map.of(
                CompanyTools.ADMIN,
                PermissionLevel.STANDARD,
                CompanyTools.DIRECTORY,
                PermissionLevel.ADMIN));
    String noDirectory =
        TestTokens.bearer(
            "user:admin@acme.example",
            company,
            Map.of(
                CompanyTools.ADMIN,
                PermissionLevel.ADMIN,
                CompanyTools.DIRECTORY,
                PermissionLevel.STANDARD));
    String otherCompany = TestTokens.companyAdmin(UUID.randomUUID());
    String admin = TestTokens.companyAdmin(company);
    record Operation(String method, String path, String body, String tooLow) {}
    List<Operation> operations =
        List.of(
            new Operation(
                "POST", accounts, createBody(UUID.randomUUID() + "@acme.example"), noAdmin),
            new Operation("PATCH", account, "{\"name\":\"renamed\"}", noAdmin),
            new Operation(
                "PATCH", account + "/permissions", "{\"reports\":\"ADMIN\"}", noDirectory),
            new Operation("POST", account + "/secret-rotations", "{}", noAdmin),
            new Operation("POST", account + "/deactivation", null, noAdmin),
            new Operation("POST", account + "/reactivation", null, noAdmin),
            new Operation("DELETE", account, null, noAdmin),
            new Operation("POST", account + "/restoration", null, noAdmin));
    for (Operation operation : operations) {
      long events = storedEvents();
      for (var refused :
          List.of(
              Map.entry("", 401),
              Map.entry(TestTokens.expired(company), 401),
              Map.entry(TestTokens.signedByAnotherKey(company), 401),
              Map.entry(otherCompany, 404),
              Map.entry(operation.tooLow(), 403))) {
        HttpResponse<String> response =
            sendAs(refused.getKey(), operation.method(), operation.path(), operation.body());
        assertThat(response.statusCode())
            .as("%s %s as %s", operation.method(), operation.path(), refused.getKey())
            .isEqualTo(refused.getValue());
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
      }
      assertThat(storedEvents()).as("nothing stored by refused requests").isEqualTo(events);
      HttpResponse<String> allowed =
          sendAs(admin, operation.method(), operation.path(), operation.body());
      assertThat(allowed.statusCode()).as(operation + " " + allowed.body()).isBetween(200, 201);
    }
  }

  private long storedEvents() {
    return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
  }

  private HttpResponse<String> sendAs(String token, String method, String path, String body)
      throws Exception {
    return request(token, method, path, body, null);
  }

  private HttpResponse<String> request(
      String token, String method, String path, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (!token.isEmpty()) {
      request.header("Authorization", token);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String create(String email) throws Exception {
    HttpResponse<String> created = send("POST", accounts, createBody(email), null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("id").asText();
  }

  private static String createBody(String email) throws Exception {
    return JSON.writeValueAsString(
        Map.of("name", "lifecycle", "appType", "CUSTOM", "contactEmail", email));
  }

  private long events(String id) {
    return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private HttpResponse<String> send(String method, String path, String body, String ifMatch)
      throws Exception {
    return request(AdminTokens.forPath(path), method, path, body, ifMatch);
  }
}
