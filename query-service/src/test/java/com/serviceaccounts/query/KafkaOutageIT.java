package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * While Kafka is down the service stays ready and keeps answering from its database, its intake
 * health says Kafka is away, and once the broker is back the consumer picks up where it left off.
 */
class KafkaOutageIT extends QueryServiceIntegrationTest {

  @Test
  void queriesAreAnsweredDuringAnOutageAndEventsFlowAgainAfterIt() {
    TestAccount account = projectedAccount("Planroom sync");

    TestInfrastructure infrastructure = TestInfrastructure.get();
    infrastructure.stopKafka();
    try {
      // Still ready (reads are served), while the intake reports what is wrong.
      assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
      assertThat(api.get("/actuator/health/intake").status()).isEqualTo(503);
      assertThat(api.account(account.companyId, account.id).status()).isEqualTo(200);
      assertThat(api.audit(account.companyId, account.id).status()).isEqualTo(200);
    } finally {
      infrastructure.startKafka();
    }

    feed.publish(account.renamed("Planroom sync", "Planroom"));
    assertThat(awaitAccountAtVersion(account, 2).json().get("name").asString())
        .isEqualTo("Planroom");
  }
}
