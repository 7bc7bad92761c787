package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A company sees only its own accounts, and cannot even tell that another company's exists. */
class TenantIsolationIT extends QueryServiceIntegrationTest {

  @Test
  void anotherCompanysAccountIsNotFoundOnEveryEndpoint() {
    TestAccount theirs = projectedAccount("Their integration");
    UUID ourCompany = UUID.randomUUID();

    for (QueryApi.Response response :
        new QueryApi.Response[] {
          api.account(ourCompany, theirs.id), api.audit(ourCompany, theirs.id)
        }) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
      assertThat(response.json().get("detail").asString())
          .isEqualTo("service account " + theirs.id + " not found in company " + ourCompany);
      assertThat(response.body()).doesNotContain(theirs.companyId.toString(), "Their integration");
    }
    QueryApi.Response ourListing = api.listing(ourCompany);
    assertThat(ourListing.status()).isEqualTo(200);
    assertThat(ourListing.json().get("totalItems").asLong()).isZero();
    assertThat(ourListing.body()).doesNotContain(theirs.id.toString());
  }

  @Test
  void anUnknownAccountAnswersExactlyLikeAnotherCompanysAccount() {
    TestAccount theirs = projectedAccount("Their other integration");
    UUID ourCompany = UUID.randomUUID();
    UUID unknown = UUID.randomUUID();

    QueryApi.Response foreign = api.account(ourCompany, theirs.id);
    QueryApi.Response missing = api.account(ourCompany, unknown);

    assertThat(missing.status()).isEqualTo(foreign.status()).isEqualTo(404);
    assertThat(missing.json().get("title")).isEqualTo(foreign.json().get("title"));
    assertThat(missing.json().get("detail").asString())
        .isEqualTo(
            foreign
                .json()
                .get("detail")
                .asString()
                .replace(theirs.id.toString(), unknown.toString()));
    assertThat(api.audit(ourCompany, unknown).status()).isEqualTo(404);
  }
}
