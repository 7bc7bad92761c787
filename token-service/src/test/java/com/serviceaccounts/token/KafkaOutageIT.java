package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tokens are answered from the credentials store, so they keep coming while Kafka is down; refusals
 * are answered at once and their security entries sent when Kafka is back.
 */
class KafkaOutageIT extends TokenServiceIntegrationTest {

  @Test
  void tokensAndRefusalsDoNotWaitForKafka() {
    TestAccount account = TestAccount.inANewCompany();
    activeAccount(account);

    TestInfrastructure.get().stopKafka();
    try {
      long started = System.nanoTime();
      assertRefused(api.tokenWithBasic(account.clientId, "sas_wrong"));
      assertThat(api.tokenWithBasic(account.clientId, account.secret()).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
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
