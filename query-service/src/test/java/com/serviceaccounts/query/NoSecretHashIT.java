package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AppType;
import org.junit.jupiter.api.Test;

/**
 * The client secret's hash travels in the creation event, and goes no further than the consumer.
 */
class NoSecretHashIT extends QueryServiceIntegrationTest {

  @Test
  void neitherTheAnswersNorTheTablesHoldTheSecretHash() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Reports feed", AppType.MARKETPLACE, "looker"));
    feed.publish(account.renamed("Reports feed", "Reports"));
    awaitAccountAtVersion(account, 2);

    for (QueryApi.Response response :
        new QueryApi.Response[] {
          api.account(account.companyId, account.id),
          api.listing(account.companyId),
          api.audit(account.companyId, account.id)
        }) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).doesNotContain("sha256:", "clientSecret", "secret");
    }
    assertThat(rowsMentioning("service_account")).isZero();
    assertThat(rowsMentioning("audit_entry")).isZero();
  }

  /** Rows of the whole table (not just this test's) whose text form holds a hash. */
  private long rowsMentioning(String table) {
    return jdbc.sql(
            "SELECT count(*) FROM "
                + table
                + " t WHERE t::text LIKE '%sha256:%' OR t::text ILIKE '%secret%'")
        .query(Long.class)
        .single();
  }
}
