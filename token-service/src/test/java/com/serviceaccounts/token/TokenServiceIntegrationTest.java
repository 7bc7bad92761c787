package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole token service against real PostgreSQL and Kafka: events go onto the topic, tokens come
 * back over HTTP. All subclasses share one application context; each test uses its own accounts.
 *
 * <p>It signs with the key test tokens are signed with (the key the other services trust in their
 * tests), and publishes one earlier key besides.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.events.topic=" + TokenServiceIntegrationTest.TOPIC,
      "service-accounts.events.retry.initial-interval=200ms",
      "service-accounts.events.retry.max-interval=1s",
      "service-accounts.events.retry.gap-wait=2s",
      "service-accounts.token.reporting.security-topic=" + TokenServiceIntegrationTest.SECURITY,
      "service-accounts.token.reporting.usage-topic=" + TokenServiceIntegrationTest.USAGE,
      "service-accounts.token.reporting.usage-flush-interval=300ms",
      "service-accounts.token.throttle.max-failures=" + TokenServiceIntegrationTest.MAX_FAILURES,
      "service-accounts.token.throttle.window=1m",
      "service-accounts.token.throttle.lockout=2s"
    })
@Import({TokenServiceIntegrationTest.EventTopic.class, ListenerConnections.class})
abstract class TokenServiceIntegrationTest {

  static final String TOPIC = "token-service-it-events";
  static final String SECURITY = "token-service-it-security";
  static final String USAGE = "token-service-it-usage";
  static final int MAX_FAILURES = 3;

  static final Path PREVIOUS_KEY = previousKey();

  /** The one account granted introspection of every client's tokens. */
  static final TestAccount INTROSPECTOR =
      TestAccount.withClientId("sa_introspector-" + UUID.randomUUID());

  private static boolean introspectorCreated;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "token_service");
    registry.add("service-accounts.token.key-directory", TestTokens::tokenServiceKeyDirectory);
    registry.add("service-accounts.token.previous-public-keys[0]", () -> PREVIOUS_KEY);
    registry.add("service-accounts.token.introspectors[0]", () -> INTROSPECTOR.clientId);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  TokenApi api;
  EventFeed feed;

  @BeforeEach
  void connect() {
    api = new TokenApi("http://localhost:" + port);
    feed = new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC);
  }

  @AfterEach
  void disconnect() {
    feed.close();
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
  }

  /** Publishes the events and waits until a token request with the newest secret answers so. */
  TokenApi.Response publishAndAwait(
      TestAccount account, Predicate<TokenApi.Response> until, EventEnvelope... events) {
    feed.publish(events);
    return eventually().until(() -> api.tokenWithBasic(account.clientId, account.secret()), until);
  }

  /** Publishes the account's creation and waits until its secret gets a token. */
  String activeAccount(TestAccount account) {
    feed.publish(account.created());
    TokenApi.Response response =
        eventually()
            .until(
                () -> api.tokenWithBasic(account.clientId, account.secret()),
                r -> r.status() == 200);
    return response.accessToken();
  }

  /** The version of the account's stored credentials; 0 if none are stored. */
  long version(TestAccount account) {
    return jdbc.sql("SELECT coalesce(max(version), 0) FROM client_credentials WHERE account_id = ?")
        .param(account.id)
        .query(Long.class)
        .single();
  }

  /** {@link #INTROSPECTOR}, created on first use. */
  TestAccount introspector() {
    synchronized (TokenServiceIntegrationTest.class) {
      if (!introspectorCreated) {
        activeAccount(INTROSPECTOR);
        introspectorCreated = true;
      }
    }
    return INTROSPECTOR;
  }

  static TopicRecords<SecurityEntry> securityEntries() {
    return new TopicRecords<>(
        TestInfrastructure.get().kafkaBootstrapServers(), SECURITY, SecurityEntry.class);
  }

  static TopicRecords<CredentialUsage> usageRecords() {
    return new TopicRecords<>(
        TestInfrastructure.get().kafkaBootstrapServers(), USAGE, CredentialUsage.class);
  }

  static void assertRefused(TokenApi.Response response) {
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(response.body()).doesNotContain("access_token");
  }

  /** The public key of an earlier signer, made for this JVM. */
  private static Path previousKey() {
    try {
      Path folder = Files.createTempDirectory("token-service-it-previous-key-");
      folder.toFile().deleteOnExit();
      DevTokenIssuer issuer = DevTokenIssuer.loadOrCreate(folder);
      folder.resolve(DevTokenIssuer.PRIVATE_KEY_FILE).toFile().deleteOnExit();
      issuer.publicKeyPem().toFile().deleteOnExit();
      return issuer.publicKeyPem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event topic, as command-service would have created it. */
  @TestConfiguration(proxyBeanMethods = false)
  static class EventTopic {
    @Bean
    NewTopic tokenServiceItEvents() {
      return TopicBuilder.name(TOPIC).partitions(3).build();
    }
  }
}
