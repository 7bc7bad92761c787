package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestTokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard figures of a company with a known history over three days. */
class ServiceAccountStatsIT extends QueryServiceIntegrationTest {

  private static final Instant DAY_1 = Instant.parse("2026-11-10T10:00:00Z");
  private static final Instant DAY_2 = Instant.parse("2026-11-11T10:00:00Z");
  private static final Instant DAY_3 = Instant.parse("2026-11-12T10:00:00Z");

  @Test
  void countsByStatusAndAppTypeAccountsWithoutPermissionsAndChangesPerDay() {
    UUID company = UUID.randomUUID();
    TestAccount custom = TestAccount.inCompany(company).at(DAY_1);
    TestAccount marketplace = TestAccount.inCompany(company).at(DAY_1);
    TestAccount deleted = TestAccount.inCompany(company).at(DAY_2);
    TestAccount fresh = TestAccount.inCompany(company).at(DAY_3);
    feed.publish(custom.created("Custom"));
    feed.publish(marketplace.created("Marketplace", AppType.MARKETPLACE, "sage-intacct"));
    feed.publish(
        custom
            .at(DAY_2)
            .permissionsChanged(
                Map.of("reports", new ValueChange<>(PermissionLevel.NONE, PermissionLevel.ADMIN))));
    feed.publish(marketplace.at(DAY_2).deactivated());
    feed.publish(deleted.created("Deleted"));
    feed.publish(deleted.at(DAY_3).deleted(AccountStatus.ACTIVE, DAY_3.plusSeconds(86_400 * 30)));
    feed.publish(fresh.created("Fresh"));
    awaitAccount(fresh, response -> true);

    JsonNode stats = stats(company, "?from=2026-11-10T00:00:00Z&to=2026-11-13T00:00:00Z");

    assertThat(stats.get("byStatus"))
        .isEqualTo(QueryApi.json("{\"ACTIVE\":2,\"DEACTIVATED\":1,\"DELETED\":1}"));
    assertThat(stats.get("byAppType")).isEqualTo(QueryApi.json("{\"CUSTOM\":3,\"MARKETPLACE\":1}"));
    assertThat(stats.get("withoutPermissions").asLong()).isEqualTo(3);
    assertThat(stats.get("changesPerDay"))
        .isEqualTo(
            QueryApi.json(
                """
                [{"day":"2026-11-10","changes":2},{"day":"2026-11-11","changes":3},
                 {"day":"2026-11-12","changes":2}]
                """));

    JsonNode partial = stats(company, "?from=2026-11-10T12:00:00Z&to=2026-11-14T00:00:00Z");
    assertThat(partial.get("changesPerDay"))
        .isEqualTo(
            QueryApi.json(
                """
                [{"day":"2026-11-10","changes":0},{"day":"2026-11-11","changes":3},
                 {"day":"2026-11-12","changes":2},{"day":"2026-11-13","changes":0}]
                """));
  }

  @Test
  void readOnlyCallersMaySeeThemOtherCompaniesMayNotAndRangesAreChecked() {
    UUID company = UUID.randomUUID();
    String path = "/companies/" + company + "/service-accounts/stats";

    QueryApi.Response readOnly =
        api.getAs(
            TestTokens.bearer(
                "user:dashboard@acme.example", company, Map.of("admin", PermissionLevel.READ_ONLY)),
            path);
    assertThat(readOnly.status()).isEqualTo(200);
    assertThat(readOnly.json().get("changesPerDay")).hasSizeBetween(30, 31);
    assertThat(api.getAs(TestTokens.companyAdmin(UUID.randomUUID()), path).status()).isEqualTo(404);

    QueryApi.Response reversed =
        api.get(path + "?from=2026-11-12T00:00:00Z&to=2026-11-10T00:00:00Z");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("invalidParams").get(0).get("name").asString()).isEqualTo("to");
    QueryApi.Response tooLong =
        api.get(path + "?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("invalidParams").get(0).get("name").asString()).isEqualTo("from");

    // The default from is 30 days before to, but never before the year 1.
    QueryApi.Response early = api.get(path + "?to=0001-01-03T00:00:00Z");
    assertThat(early.status()).as(early.body()).isEqualTo(200);
    assertThat(early.json().get("from").asString()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(early.json().get("changesPerDay")).hasSize(2);
    QueryApi.Response earliest = api.get(path + "?to=0001-01-01T00:00:00Z");
    assertThat(earliest.status()).as(earliest.body()).isEqualTo(400);
    assertThat(earliest.json().get("invalidParams").get(0).get("name").asString()).isEqualTo("to");
  }

  private JsonNode stats(UUID company, String query) {
    QueryApi.Response response =
        api.get("/companies/" + company + "/service-accounts/stats" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
