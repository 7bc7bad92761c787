package com.serviceaccounts.query;

import static org.awaitility.Awaitility.await;

import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole query service against real PostgreSQL and Kafka: records go onto the topic, answers
 * come back over HTTP. All subclasses share one application context (and so one consumer); each
 * test uses fresh account and company ids, so tests do not see each other's data.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.events.topic=" + QueryServiceIntegrationTest.TOPIC,
      "service-accounts.security-entries.topic=" + QueryServiceIntegrationTest.SECURITY_TOPIC,
      "service-accounts.usage.topic=" + QueryServiceIntegrationTest.USAGE_TOPIC,
      "service-accounts.events.retry.initial-interval=200ms",
      "service-accounts.events.retry.max-interval=1s",
      "service-accounts.events.retry.gap-wait=6s",
      "service-accounts.audit.checkpoints.signing-key=classpath:audit/checkpoint-signing-test.pem",
      "service-accounts.audit.checkpoints.signing-public-key="
          + "classpath:audit/checkpoint-signing-test.pub.pem",
      // Checkpoints are made on demand in the tests; the rounds would only add more.
      "service-accounts.audit.checkpoints.interval=1h",
      "service-accounts.audit.checkpoints.topic=" + QueryServiceIntegrationTest.CHECKPOINT_TOPIC
    })
@Import(EventTopicOfTheCommandSide.class)
public abstract class QueryServiceIntegrationTest {

  static final String TOPIC = "query-service-it-events";
  static final String SECURITY_TOPIC = "query-service-it-security";
  static final String USAGE_TOPIC = "query-service-it-usage";
  static final String CHECKPOINT_TOPIC = "query-service-it-audit-checkpoints";
  static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    infrastructure.registerSpringProperties(registry, "query_service");
    // The data keys come from command-service's API, here as the tests need it.
    CommandServiceKeys.querySettings().forEach((name, value) -> registry.add(name, () -> value));
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  QueryApi api;
  EventFeed feed;

  @BeforeEach
  void connect() {
    TestAccount.sealContactEmails(CommandServiceKeys.vault()::seal);
    api = new QueryApi(port);
    feed = new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC);
  }

  @AfterEach
  void disconnect() {
    feed.close();
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  /** Waits until the account answers 200 and the answer satisfies the condition. */
  QueryApi.Response awaitAccount(TestAccount account, Predicate<QueryApi.Response> condition) {
    return eventually()
        .until(
            () -> api.account(account.companyId, account.id),
            r -> r.status() == 200 && condition.test(r));
  }

  /** A new account named {@code name} in a new company, created and projected. */
  TestAccount projectedAccount(String name) {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created(name));
    awaitAccountAtVersion(account, 1);
    return account;
  }

  QueryApi.Response awaitAccountAtVersion(TestAccount account, long version) {
    return awaitAccount(account, r -> r.json().get("version").asLong() == version);
  }

  long listingRows(UUID accountId) {
    return jdbc.sql("SELECT count(*) FROM service_account WHERE id = ?")
        .param(accountId)
        .query(Long.class)
        .single();
  }

  long auditRows(UUID accountId) {
    return jdbc.sql("SELECT count(*) FROM audit_entry WHERE account_id = ?")
        .param(accountId)
        .query(Long.class)
        .single();
  }
}
