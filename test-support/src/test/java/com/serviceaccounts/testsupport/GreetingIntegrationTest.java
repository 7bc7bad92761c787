package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The common set-up of the Spring tests; declared once here so that all subclasses share one cached
 * context, as the services' test classes will.
 */
@SpringBootTest(
    classes = GreetingApplication.class,
    properties = "spring.kafka.consumer.auto-offset-reset=earliest")
abstract class GreetingIntegrationTest {

  @Autowired KafkaTemplate<String, String> kafkaTemplate;

  @Autowired JdbcTemplate jdbcTemplate;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "greetings");
  }

  void awaitStored(String greeting) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbcTemplate.queryForObject(
                            "SELECT count(*) FROM greeting WHERE text = ?",
                            Integer.class,
                            greeting))
                    .isEqualTo(1));
  }
}
