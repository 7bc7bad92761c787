package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The listing filters by status (not deleted unless asked), app type and a text in the name, and
 * names any filter value it does not know.
 */
class ListingFiltersIT extends QueryServiceIntegrationTest {

  private final UUID company = UUID.randomUUID();

  /** One set of accounts for every filter: publishing and waiting is the slow part. */
  private void accountsInEveryStatus() {
    TestAccount percent = TestAccount.inCompany(company);
    feed.publish(percent.created("Alpha 100% sync"));
    TestAccount thousand = TestAccount.inCompany(company);
    feed.publish(thousand.created("alpha 1000 sync"));
    TestAccount underscore = TestAccount.inCompany(company);
    feed.publish(underscore.created("Beta_feed", AppType.MARKETPLACE, "looker"));
    feed.publish(underscore.deactivated());
    TestAccount deleted = TestAccount.inCompany(company);
    feed.publish(deleted.created("Gamma", AppType.MARKETPLACE, "sage-intacct"));
    feed.publish(
        deleted.deleted(AccountStatus.ACTIVE, TestAccount.now().plus(Duration.ofDays(30))));

    awaitAccountAtVersion(percent, 1);
    awaitAccountAtVersion(thousand, 1);
    awaitAccountAtVersion(underscore, 2);
    awaitAccountAtVersion(deleted, 2);
  }

  @Test
  void filtersByStatusAppTypeAndATextInTheName() {
    accountsInEveryStatus();
    byDefaultEveryAccountButTheDeletedOnesIsListed();
    deletedAccountsAreListedWhenAskedFor();
    byAppType();
    byATextInTheNameIgnoringCaseWithWildcardsMatchingOnlyThemselves();
    totalsCountOnlyTheFilteredAccounts();
  }

  private void byDefaultEveryAccountButTheDeletedOnesIsListed() {
    assertThat(names(""))
        .containsExactlyInAnyOrder("Alpha 100% sync", "alpha 1000 sync", "Beta_feed");
  }

  private void deletedAccountsAreListedWhenAskedFor() {
    assertThat(names("status=DELETED")).containsExactly("Gamma");
    assertThat(names("status=ACTIVE,DELETED"))
        .containsExactlyInAnyOrder("Alpha 100% sync", "alpha 1000 sync", "Gamma");
    assertThat(names("status=DEACTIVATED&status=DELETED"))
        .containsExactlyInAnyOrder("Beta_feed", "Gamma");
  }

  private void byAppType() {
    assertThat(names("appType=MARKETPLACE")).containsExactly("Beta_feed");
    assertThat(names("appType=MARKETPLACE&status=DELETED")).containsExactly("Gamma");
    assertThat(names("appType=CUSTOM"))
        .containsExactlyInAnyOrder("Alpha 100% sync", "alpha 1000 sync");
  }

  private void byATextInTheNameIgnoringCaseWithWildcardsMatchingOnlyThemselves() {
    assertThat(names("q=ALPHA")).containsExactlyInAnyOrder("Alpha 100% sync", "alpha 1000 sync");
    assertThat(names("q=100%25")).containsExactly("Alpha 100% sync");
    assertThat(names("q=a_f")).containsExactly("Beta_feed");
    assertThat(names("q=_")).containsExactly("Beta_feed");
    assertThat(names("q=gam&status=DELETED")).containsExactly("Gamma");
    assertThat(names("q=nothing-like-it")).isEmpty();
  }

  private void totalsCountOnlyTheFilteredAccounts() {
    QueryApi.Response page = listing("q=alpha&size=1");
    assertThat(page.json().get("totalItems").asLong()).isEqualTo(2);
    assertThat(page.json().get("totalPages").asLong()).isEqualTo(2);
    assertThat(page.json().get("items")).hasSize(1);
  }

  @Test
  void anUnknownStatusOrAppTypeIsABadRequestNamingTheParameter() {
    QueryApi.Response badStatus = listing("status=ACTIVE,PURGED");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.contentType()).isEqualTo("application/problem+json");
    assertThat(badStatus.json().get("detail").asString())
        .isEqualTo("status must be one of ACTIVE, DEACTIVATED, DELETED, was 'PURGED'");
    assertThat(badStatus.json().get("invalidParams").get(0).get("name").asString())
        .isEqualTo("status");

    QueryApi.Response badAppType = listing("appType=INTERNAL");
    assertThat(badAppType.status()).isEqualTo(400);
    assertThat(badAppType.json().get("detail").asString())
        .isEqualTo("appType must be one of CUSTOM, MARKETPLACE, was 'INTERNAL'");
  }

  private QueryApi.Response listing(String query) {
    return api.get("/companies/" + company + "/service-accounts?" + query);
  }

  private List<String> names(String query) {
    QueryApi.Response page = listing(query);
    assertThat(page.status()).as(query).isEqualTo(200);
    assertThat(page.json().get("totalItems").asLong()).isEqualTo(page.json().get("items").size());
    return StreamSupport.stream(page.json().get("items").spliterator(), false)
        .map(item -> item.get("name").asString())
        .toList();
  }
}
