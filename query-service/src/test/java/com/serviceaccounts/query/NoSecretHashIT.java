package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.testsupport.TestAccount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client secrets' hashes travel in the creation and rotation events, and go no further than the
 * consumer: the answers and the tables name secrets only by number.
 */
class NoSecretHashIT extends QueryServiceIntegrationTest {

  @Test
  void neitherTheAnswersNorTheTablesHoldASecretHash() {
    TestAccount account = TestAccount.inANewCompany();
    feed.publish(account.created("Reports feed", AppType.MARKETPLACE, "looker"));
    feed.publish(account.renamed("Reports feed", "Reports"));
    feed.publish(account.secretRotated(Duration.ofHours(1)));
    awaitAccountAtVersion(account, 3);

    for (QueryApi.Response response :
        new QueryApi.Response[] {
          api.account(account.companyId, account.id),
          api.listing(account.companyId),
          api.audit(account.companyId, account.id)
        }) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body())
          .doesNotContain("sha256:", hex(account.secretHash(1)), hex(account.secretHash(2)))
          // The audit entries' own "hash" (their link in the audit chain) is no secret's.
          .doesNotContainIgnoringCase("secretHash");
    }
    for (String table : List.of("service_account", "audit_entry", "purged_service_account")) {
      assertThat(rowsMentioningAHash(table, account)).as(table).isZero();
    }
  }

  private static String hex(String hash) {
    return hash.substring("sha256:".length());
  }

  /** Rows of the whole table (not just this test's) whose text form holds a hash. */
  private long rowsMentioningAHash(String table, TestAccount account) {
    return jdbc.sql(
            "SELECT count(*) FROM "
                + table
                + " t WHERE t::text LIKE '%sha256:%' OR strpos(t::text, ?) > 0 OR strpos(t::text, ?) > 0")
        .params(hex(account.secretHash(1)), hex(account.secretHash(2)))
        .query(Long.class)
        .single();
  }
}
