package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpringRoundTripIT extends GreetingIntegrationTest {

  @Test
  void aGreetingSentToKafkaEndsUpInPostgres() throws Exception {
    kafkaTemplate.send(GreetingApplication.TOPIC, "hello").get(30, TimeUnit.SECONDS);

    awaitStored("hello");
    assertThat(GreetingApplication.CONTEXTS_STARTED).hasValue(1);
  }
}
