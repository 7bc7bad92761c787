package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.SendResult;

class SpringKafkaOutageIT extends GreetingIntegrationTest {

  @Test
  void aGreetingSentWhileKafkaIsDownArrivesAfterItRestarts() throws Exception {
    kafkaTemplate.send(GreetingApplication.TOPIC, "warm-up").get(30, TimeUnit.SECONDS);
    TestInfrastructure infrastructure = TestInfrastructure.get();

    infrastructure.stopKafka();
    // Without a broker, send() itself blocks until it has fresh metadata: send from elsewhere.
    CompletableFuture<SendResult<String, String>> sent =
        CompletableFuture.supplyAsync(
                () -> kafkaTemplate.send(GreetingApplication.TOPIC, "despite the outage"))
            .thenCompose(result -> result);
    infrastructure.startKafka();
    sent.get(60, TimeUnit.SECONDS);

    awaitStored("despite the outage");
    assertThat(GreetingApplication.CONTEXTS_STARTED).hasValue(1);
  }
}
