package com.serviceaccounts.testsupport;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;

/**
 * A miniature service for the Spring tests: it consumes greetings from Kafka into PostgreSQL, with
 * a connection pool and a listener container that are open when the test run ends, as in the
 * services' own integration tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class GreetingApplication {

  static final String TOPIC = "greetings";

  /** How many contexts were started in this JVM: the Spring test classes should share one. */
  static final AtomicInteger CONTEXTS_STARTED = new AtomicInteger();

  @Bean
  NewTopic greetingsTopic() {
    return TopicBuilder.name(TOPIC).partitions(1).replicas(1).build();
  }

  @Bean
  GreetingRecorder greetingRecorder(JdbcTemplate jdbcTemplate) {
    CONTEXTS_STARTED.incrementAndGet();
    jdbcTemplate.execute("CREATE TABLE IF NOT EXISTS greeting (text text PRIMARY KEY)");
    return new GreetingRecorder(jdbcTemplate);
  }

  /** Stores each greeting once. */
  static final class GreetingRecorder {

    private final JdbcTemplate jdbcTemplate;

    GreetingRecorder(JdbcTemplate jdbcTemplate) {
      this.jdbcTemplate = jdbcTemplate;
    }

    @KafkaListener(topics = TOPIC, groupId = "greeting-recorder")
    void record(String greeting) {
      jdbcTemplate.update(
          "INSERT INTO greeting (text) VALUES (?) ON CONFLICT DO NOTHING", greeting);
    }
  }
}
