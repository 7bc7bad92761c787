package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Tokens are answered from the credentials store, so they keep coming while Kafka is down; refusals
 * are answered at once and their security entries sent when Kafka is back.
 */
class KafkaOutageIT extends TokenServiceIntegrationTest {

  @Autowired ProducerFactory<?, ?> producers;

  @Test
  void tokensAndRefusalsDoNotWaitForKafka() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    // A send that waits for Kafka waits this long before it gives up: neither answer may.
    Duration kafkaWait =
        Duration.ofMillis(
            Long.parseLong(
                String.valueOf(
                    producers
                        .getConfigurationProperties()
                        .get(ProducerConfig.MAX_BLOCK_MS_CONFIG))));
    TestInfrastructure.get().stopKafka();
    try {
      long refusing = System.nanoTime();
      assertRefused(api.tokenWithBasic(account.clientId, "sas_wrong"));
      assertThat(Duration.ofNanos(System.nanoTime() - refusing)).isLessThan(kafkaWait);
      long issuing = System.nanoTime();
      assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - issuing)).isLessThan(kafkaWait);
    } finally {
      TestInfrastructure.get().startKafka();
    }

    try (TopicRecords<SecurityEntry> entries = securityEntries()) {
      eventually()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> entries.poll(Duration.ofMillis(200)),
              all -> all.stream().anyMatch(e -> account.id.equals(e.value().accountId())));
    }
  }
}
