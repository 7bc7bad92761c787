package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.TestAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The listing pages through a company's accounts by name, case-insensitively, then by id. */
class PagingIT extends QueryServiceIntegrationTest {

  @Test
  void pagesAreSortedByNameIgnoringCaseThenById() {
    UUID company = UUID.randomUUID();
    List<TestAccount> accounts = new ArrayList<>();
    List<String> names = List.of("delta", "Bravo", "alpha", "Charlie", "ALPHA");
    for (String name : names) {
      TestAccount account = TestAccount.inCompany(company);
      feed.publish(account.created(name));
      accounts.add(account);
    }
    eventually().until(() -> api.listing(company).json().get("totalItems").asLong() == 5);

    // PostgreSQL orders uuids by their bytes, which is the order of their lower-case hex strings.
    TestAccount alpha = accounts.get(2);
    TestAccount upperAlpha = accounts.get(4);
    List<String> alphas =
        List.of(alpha.id.toString(), upperAlpha.id.toString()).stream()
            .sorted(Comparator.naturalOrder())
            .toList();

    JsonNode first = api.listing(company, 0, 2).json();
    JsonNode second = api.listing(company, 1, 2).json();
    JsonNode third = api.listing(company, 2, 2).json();
    JsonNode beyond = api.listing(company, 3, 2).json();

    assertThat(ids(first)).isEqualTo(alphas);
    assertThat(names(second)).containsExactly("Bravo", "Charlie");
    assertThat(names(third)).containsExactly("delta");
    assertThat(names(beyond)).isEmpty();
    for (JsonNode page : List.of(first, second, third, beyond)) {
      assertThat(page.get("size").asInt()).isEqualTo(2);
      assertThat(page.get("totalItems").asLong()).isEqualTo(5);
      assertThat(page.get("totalPages").asLong()).isEqualTo(3);
    }
    assertThat(second.get("page").asInt()).isEqualTo(1);
  }

  @Test
  void aBadPageOrSizeIsABadRequestProblemNamingTheParameter() {
    UUID company = UUID.randomUUID();
    assertBadRequest(api.listing(company, -1, 20), "page");
    assertBadRequest(api.listing(company, 0, 0), "size");
    assertBadRequest(api.listing(company, 0, 201), "size");
    assertBadRequest(api.get("/companies/" + company + "/service-accounts?size=many"), "size");
    assertBadRequest(api.get("/companies/not-a-company/service-accounts"), "companyId");
    assertBadRequest(api.get("/companies/" + company + "/service-accounts/42"), "id");
    assertBadRequest(api.get("/companies/" + company + "/service-accounts/42/audit"), "id");
    assertThat(api.listing(company, 0, 200).status()).isEqualTo(200);
  }

  private static void assertBadRequest(QueryApi.Response response, String parameter) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().get("detail").asString()).startsWith(parameter + " must be");
    assertThat(response.json().get("status").asInt()).isEqualTo(400);
  }

  private static List<String> names(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(item -> item.get("name").asString())
        .toList();
  }

  private static List<String> ids(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(item -> item.get("id").asString())
        .toList();
  }
}
