package com.serviceaccounts.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An event the credentials store refuses for good (U+0000 in a permission's tool, which {@code
 * jsonb} cannot hold) is parked: the other accounts' events behind it on the same partition are
 * applied, so their new secrets work; the parked account's later events are parked behind it, not
 * applied out of order; the health says PARKED.
 */
class ParkedEventsIT extends TokenServiceIntegrationTest {

  private static final int PARTITION = 0;

  @Test
  void anEventTheDatabaseRefusesIsParkedAndOtherAccountsSecretsKeepWorking() throws Exception {
    TestAccount held = new TestAccount();
    feed.publish(PARTITION, held.created());
    eventually()
        .until(() -> api.tokenWithBasic(held.clientId, held.secret()), r -> r.status() == 200);
    String firstSecret = held.secret();

    TestAccount other = new TestAccount();
    feed.publish(PARTITION, held.permissions("tool\u0000", PermissionLevel.ADMIN));
    feed.publish(PARTITION, held.rotated(Duration.ZERO));
    feed.publish(PARTITION, other.created());

    eventually()
        .until(() -> api.tokenWithBasic(other.clientId, other.secret()), r -> r.status() == 200);
    eventually().until(() -> parkedEvents(held), parked -> parked == 2);
    assertThat(
            jdbc.sql(
                    "SELECT reason FROM parked_event WHERE account_id = ? ORDER BY id DESC LIMIT 1")
                .param(held.id)
                .query(String.class)
                .single())
        .contains("waits behind parked event");
    // The rotation was not applied ahead of the refused event: the first secret still works.
    assertThat(api.tokenWithBasic(held.clientId, held.secret()).status()).isEqualTo(401);
    assertThat(api.tokenWithBasic(held.clientId, firstSecret).status()).isEqualTo(200);

    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/parked"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"PARKED\"");
  }

  private long parkedEvents(TestAccount account) {
    return jdbc.sql("SELECT count(*) FROM parked_event WHERE account_id = ?")
        .param(account.id)
        .query(Long.class)
        .single();
  }
}
