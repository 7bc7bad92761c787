package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.usage.CredentialUsage;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** token-service's usage reports show as the last use of an account and of each secret. */
class CredentialUsageIT extends QueryServiceIntegrationTest {

  @Test
  void lastUseMovesForwardPerAccountAndPerSecretNeverBack() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Nightly export"));
    feed.publish(account.secretRotated(Duration.ofHours(1)));
    awaitAccountAtVersion(account, 2);

    Instant first = Instant.parse("2026-11-28T10:00:00.123456Z");
    Instant later = first.plusSeconds(60);
    try (EventFeed usage =
        new EventFeed(TestInfrastructure.get().kafkaBootstrapServers(), USAGE_TOPIC)) {
      report(usage, account, 1, first);
      report(usage, account, 2, later);
      // Late and repeated reports: older times change nothing.
      report(usage, account, 1, first.minusSeconds(30));
      report(usage, account, 2, first);
      TestAccount unknown = TestAccount.inCompany(account.companyId);
      report(usage, unknown, 1, later);
      report(usage, account, 1, first);
    }

    JsonNode view =
        awaitAccount(
                account,
                r ->
                    !r.json().get("lastUsedAt").isNull()
                        && !r.json().at("/secrets/0/lastUsedAt").isNull()
                        && !r.json().at("/secrets/1/lastUsedAt").isNull())
            .json();
    assertThat(view.get("lastUsedAt").asString()).isEqualTo(later.toString());
    assertThat(view.at("/secrets/0/lastUsedAt").asString()).isEqualTo(first.toString());
    assertThat(view.at("/secrets/1/lastUsedAt").asString()).isEqualTo(later.toString());
    assertThat(view.get("version").asLong()).isEqualTo(2);
  }

  private static void report(EventFeed usage, TestAccount account, int secret, Instant at)
      throws Exception {
    usage.publishRaw(
        account.id.toString(),
        EventJson.newMapper()
            .writeValueAsBytes(new CredentialUsage(account.id, account.companyId, secret, at, 3)));
  }
}
