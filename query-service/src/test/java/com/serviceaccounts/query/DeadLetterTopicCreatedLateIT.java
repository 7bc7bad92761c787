package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service whose start-up did not create its dead-letter topics (Kafka down, or too slow under
 * load to answer the admin in time; here the admin's start-up creation is switched off) still parks
 * the record it cannot read, and the records behind it are still projected.
 */
class DeadLetterTopicCreatedLateIT {

  static final String TOPIC = "query-late-dlt-it-events";
  static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";

  static ConfigurableApplicationContext service;
  static JdbcClient jdbc;
  static String bootstrapServers;

  @BeforeAll
  static void start() throws Exception {
    bootstrapServers = TestInfrastructure.get().kafkaBootstrapServers();
    service =
        QueryServiceOfItsOwn.start(
            "query_service_late_dlt",
            "query-service-late-dlt",
            TOPIC,
            // As if Kafka had not answered the admin at start-up: no topic is created then.
            "--spring.kafka.admin.auto-create=false",
            "--service-accounts.events.retry.initial-interval=200ms",
            "--service-accounts.events.retry.max-interval=1s");
    jdbc = service.getBean(JdbcClient.class);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void anUnreadableRecordIsParkedOnATopicCreatedThenAndTheNextRecordIsProjected() throws Exception {
    try (Admin kafka =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> topics = kafka.listTopics().names().get();
      assertThat(topics).contains(TOPIC).doesNotContain(DEAD_LETTER_TOPIC);
    }
    TestAccount account = TestAccount.inANewCompany();
    String key = account.id.toString();
    byte[] notAnEvent = "not an event".getBytes(StandardCharsets.UTF_8);
    try (EventFeed feed = new EventFeed(bootstrapServers, TOPIC)) {
      feed.publishRaw(key, notAnEvent);
      feed.publish(account.created("behind the unreadable one"));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM service_account WHERE id = ?")
                    .param(account.id)
                    .query(Long.class)
                    .single(),
            rows -> rows == 1);
    try (DeadLetters deadLetters = new DeadLetters(bootstrapServers, DEAD_LETTER_TOPIC)) {
      var letters =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> deadLetters.withKey(key), found -> found.size() == 1);
      assertThat(letters.get(0).value()).isEqualTo(notAnEvent);
    }
  }
}
