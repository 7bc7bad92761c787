package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What {@code GET …/audit/checkpoints/latest} says of a chain no checkpoint covers yet, in the
 * standalone verifier's terms: an empty chain has nothing that could be missing, so it is verified;
 * a chain with entries has nothing signed to compare them with, so it is not.
 */
class ChainsWithoutCheckpointIT extends QueryServiceIntegrationTest {

  @Test
  void aCompanyWithoutEntriesHasBothChainsVerifiedAsEmpty() {
    Map<String, JsonNode> latest = latest(UUID.randomUUID());

    assertThat(latest.keySet()).containsExactlyInAnyOrder("audit", "security");
    latest.values().forEach(this::assertVerifiedAsEmpty);
  }

  @Test
  void aChainWithEntriesButNoCheckpointIsNotVerifiedWhileTheEmptyOneIs() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Audited, never refused"));
    awaitAccountAtVersion(account, 1);

    Map<String, JsonNode> latest = latest(account.companyId);

    JsonNode audit = latest.get("audit");
    assertThat(audit.get("verified").asBoolean()).as(audit.toString()).isFalse();
    assertThat(audit.get("detail").asString()).isEqualTo("no checkpoint yet");
    assertThat(audit.has("number")).isFalse();
    assertVerifiedAsEmpty(latest.get("security"));
  }

  private void assertVerifiedAsEmpty(JsonNode status) {
    assertThat(status.get("verified").asBoolean()).as(status.toString()).isTrue();
    assertThat(status.get("detail").asString()).startsWith("the chain is empty");
    assertThat(status.has("number")).as(status.toString()).isFalse();
    assertThat(status.has("lastSequence")).as(status.toString()).isFalse();
  }

  private Map<String, JsonNode> latest(UUID company) {
    QueryApi.Response response = api.get("/companies/" + company + "/audit/checkpoints/latest");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> byChain = new HashMap<>();
    response.json().forEach(status -> byChain.put(status.get("chain").asString(), status));
    return byChain;
  }
}
