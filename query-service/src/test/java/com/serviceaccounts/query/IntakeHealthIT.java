package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /actuator/health/intake}: the consumer lag per partition and the rebuild's state. */
class IntakeHealthIT extends QueryServiceIntegrationTest {

  @Test
  void aCallerWithATokenSeesTheLagOfEveryPartitionAndTheRebuildState() {
    TestAccount account = projectedAccount("health");

    QueryApi.Response health =
        eventually()
            .until(
                () -> api.get("/actuator/health/intake"),
                r -> r.status() == 200 && r.json().at("/details/lag").asLong(-1) == 0);
    JsonNode details = health.json().get("details");
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(details.get("topic").asText()).isEqualTo(TOPIC);
    assertThat(details.get("consumerGroup").asText()).isNotBlank();
    assertThat(details.get("lagByPartition").size()).isPositive();
    assertThat(details.at("/rebuild/state").asText()).isNotBlank();
  }

  @Test
  void anonymousCallersSeeTheStatusOnlyAndReadinessDependsOnTheDatabase() {
    QueryApi.Response anonymous = api.getAs("", "/actuator/health/intake");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().has("details")).isFalse();

    QueryApi.Response readiness = api.getAs("", "/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
  }
}
