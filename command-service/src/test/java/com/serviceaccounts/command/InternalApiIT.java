package com.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import com.serviceaccounts.events.EventStreamPage;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.serviceaccount.ServiceAccountCreated;
import com.serviceaccounts.security.personaldata.DataKeysApi;
import com.serviceaccounts.security.personaldata.KeyLookup;
import com.serviceaccounts.security.personaldata.PersonalDataVault;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestServiceCredentials;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * command-service's {@code /internal} API, which query-service reads instead of this service's
 * database: the event stream and the data keys, for a service credential only.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "service-accounts.events.topic=internal-api-it-events")
class InternalApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREDENTIAL = TestServiceCredentials.queryServiceBasic();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "command_service_internal");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PersonalDataVault vault;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String accounts = "/companies/" + UUID.randomUUID() + "/service-accounts";

  /**
   * The stream holds every stored event after a position, in the order stored, as the CloudEvent
   * that goes to Kafka; reading on from the last position finds nothing more.
   */
  @Test
  void theEventStreamServesTheStoredEventsInOrderAsCloudEvents() throws Exception {
    String email = UUID.randomUUID() + "@acme.example";
    UUID id = create(email);
    long before =
        jdbc.sql("SELECT min(globalindex) - 1 FROM domainevententry WHERE aggregateidentifier = ?")
            .param(id.toString())
            .query(Long.class)
            .single();

    HttpResponse<byte[]> response =
        get("/internal/events?after=" + before + "&limit=1", CREDENTIAL);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode raw = JSON.readTree(response.body());
    assertThat(raw.at("/events/0/event/specversion").asText()).isEqualTo("1.0");
    assertThat(raw.at("/events/0/event/type").asText())
        .isEqualTo(EventType.SERVICE_ACCOUNT_CREATED.cloudEventType());
    EventStreamPage page = EventStreamPage.fromJson(response.body(), new EventEnvelopeCodec());
    assertThat(page.events()).hasSize(1);
    EventEnvelope created = page.events().get(0).event();
    assertThat(page.events().get(0).position()).isEqualTo(before + 1);
    assertThat(created.accountId()).isEqualTo(id);
    assertThat(created.version()).isEqualTo(1);
    assertThat(page.head()).isGreaterThanOrEqualTo(before + 1);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(email);

    // The data key the API hands out opens the email the event carries sealed.
    String sealed = ((ServiceAccountCreated) created.payload()).sealedContactEmail();
    assertThat(PersonalDataVault.openAll(api(), Map.of(id, sealed))).containsEntry(id, email);

    HttpResponse<byte[]> rest = get("/internal/events?after=" + page.head(), CREDENTIAL);
    assertThat(EventStreamPage.fromJson(rest.body(), new EventEnvelopeCodec()).events()).isEmpty();
  }

  /** Crypto-shredding: once the account's key is destroyed, the API has none to give. */
  @Test
  void aShreddedKeyIsNoLongerHandedOut() throws Exception {
    UUID id = create(UUID.randomUUID() + "@acme.example");
    assertThat(api().findAll(List.of(id, UUID.randomUUID()))).containsOnlyKeys(id);

    assertThat(vault.shred(id)).isTrue();

    assertThat(api().findAll(List.of(id))).isEmpty();
  }

  /** Nobody else reads it: no credential, a wrong one, or a company admin's token are refused. */
  @Test
  void onlyAServiceCredentialOpensTheInternalApi() throws Exception {
    String admin = TestTokens.companyAdmin(UUID.randomUUID());
    String wrong =
        TestServiceCredentials.basic(TestServiceCredentials.QUERY_SERVICE, "not-the-secret");
    for (String refused : new String[] {null, wrong, admin}) {
      for (HttpResponse<byte[]> response :
          List.of(get("/internal/events?after=0", refused), lookup("[]", refused))) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
      }
    }
  }

  @Test
  void aPageBeyondItsBoundsIsAProblem() throws Exception {
    HttpResponse<byte[]> tooMany =
        get("/internal/events?after=0&limit=" + (EventStreamPage.MAX_LIMIT + 1), CREDENTIAL);

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooMany.body()).get("detail").asText()).contains("limit");
  }

  /** The data keys API as query-service calls it. */
  private KeyLookup api() {
    return new KeyLookup() {
      @Override
      public Optional<byte[]> find(UUID accountId) {
        return Optional.ofNullable(findAll(List.of(accountId)).get(accountId));
      }

      @Override
      public Map<UUID, byte[]> findAll(Collection<UUID> accountIds) {
        try {
          HttpResponse<byte[]> response = lookup(JSON.writeValueAsString(accountIds), CREDENTIAL);
          assertThat(response.statusCode()).isEqualTo(200);
          return JSON.readValue(response.body(), DataKeysApi.Keys.class).decoded();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private HttpResponse<byte[]> lookup(String accountIds, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + DataKeysApi.PATH))
            .POST(HttpRequest.BodyPublishers.ofString("{\"accountIds\":" + accountIds + "}"))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private UUID create(String email) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + accounts))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "name", "internal", "appType", "CUSTOM", "contactEmail", email))))
                .header("Content-Type", "application/json")
                .header("Authorization", AdminTokens.forPath(accounts))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return UUID.fromString(JSON.readTree(created.body()).get("id").asText());
  }
}
