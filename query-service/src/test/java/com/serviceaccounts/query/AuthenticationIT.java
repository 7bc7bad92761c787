package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads need a valid bearer token: READ_ONLY on the company's Admin tool for listings, ADMIN for
 * the audit trail; a caller outside the company gets the 404 an unknown account gets. A token
 * without {@code exp} or {@code sub}, of an issuer not trusted, or naming a service account or the
 * system while issued for people is refused like a missing one.
 */
class AuthenticationIT extends QueryServiceIntegrationTest {

  @Test
  void eachReadAsksForItsLevel() {
    TestAccount account = projectedAccount("Guarded");
    String listing = "/companies/" + account.companyId + "/service-accounts";
    String one = listing + "/" + account.id;
    String audit = one + "/audit";
    String readOnly =
        TestTokens.bearer(
            "user:viewer@acme.example",
            account.companyId,
            Map.of(CompanyTools.ADMIN, PermissionLevel.READ_ONLY));
    String noneOnAdmin =
        TestTokens.bearer(
            "user:planner@acme.example",
            account.companyId,
            Map.of("schedule", PermissionLevel.ADMIN));

    List<String> refused =
        List.of(
            TestTokens.changed(account.companyId, claims -> claims.expirationTime(null)),
            TestTokens.changed(account.companyId, claims -> claims.subject(null)),
            TestTokens.changed(account.companyId, claims -> claims.issuer("https://evil.example")),
            TestTokens.changed(account.companyId, claims -> claims.issuer(null)),
            TestTokens.changed(
                account.companyId, claims -> claims.subject("service-account:sa_forged")),
            TestTokens.changed(account.companyId, claims -> claims.subject("system:retention")));

    for (String path : new String[] {listing, one, audit}) {
      assertThat(api.getAs("", path).status()).as(path).isEqualTo(401);
      for (String token : refused) {
        assertThat(api.getAs(token, path).status()).as(token).isEqualTo(401);
        assertThat(api.getAs(token, path).contentType()).isEqualTo("application/problem+json");
      }
      assertThat(api.getAs(TestTokens.expired(account.companyId), path).status()).isEqualTo(401);
      assertThat(api.getAs(TestTokens.signedByAnotherKey(account.companyId), path).status())
          .isEqualTo(401);
      assertThat(api.getAs(TestTokens.companyAdmin(java.util.UUID.randomUUID()), path).status())
          .isEqualTo(404);
      assertThat(api.getAs(noneOnAdmin, path).status()).isEqualTo(403);
      assertThat(api.getAs("", path).contentType()).isEqualTo("application/problem+json");
    }
    assertThat(api.getAs(readOnly, listing).status()).isEqualTo(200);
    assertThat(api.getAs(readOnly, one).status()).isEqualTo(200);
    assertThat(api.getAs(readOnly, audit).status()).isEqualTo(403);
    assertThat(api.getAs(TestTokens.companyAdmin(account.companyId), audit).status())
        .isEqualTo(200);
  }
}
