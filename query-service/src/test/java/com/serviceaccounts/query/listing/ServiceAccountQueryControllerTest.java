package com.serviceaccounts.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import com.serviceaccounts.events.serviceaccount.AppType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(ServiceAccountQueryController.class)
class ServiceAccountQueryControllerTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");
  static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6");

  @Autowired MockMvcTester mvc;
  @MockitoBean ServiceAccountListingRepository accounts;

  static ServiceAccountView account(long version) {
    return new ServiceAccountView(
        ACCOUNT,
        COMPANY,
        "sa_client",
        "ERP sync",
        AppType.CUSTOM,
        null,
        "erp-sync@acme.example",
        Instant.parse("2026-11-28T10:15:30Z"),
        "alice@acme.example",
        Instant.parse("2026-11-28T11:00:00Z"),
        "bob@acme.example",
        version);
  }

  @Test
  void answersOneAccountWithItsVersionAsETag() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.of(account(3)));

    var response =
        mvc.get().uri("/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT).exchange();

    assertThat(response).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"3\"");
    assertThat(response).bodyJson().extractingPath("$.name").isEqualTo("ERP sync");
    assertThat(response).bodyJson().extractingPath("$.appType").isEqualTo("CUSTOM");
    assertThat(response).bodyJson().extractingPath("$.createdAt").isEqualTo("2026-11-28T10:15:30Z");
    assertThat(response).bodyJson().extractingPath("$.version").isEqualTo(3);
  }

  @Test
  void anAccountNotInTheCompanyIsNotFoundWithoutHintingWhereItIs() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.empty());

    var response =
        mvc.get().uri("/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT).exchange();

    assertThat(response)
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("service account " + ACCOUNT + " not found in company " + COMPANY);
    assertThat(response).bodyJson().extractingPath("$.status").isEqualTo(404);
  }

  @Test
  void listsAPageWithItsTotals() {
    given(accounts.page(COMPANY, 1, 2))
        .willReturn(ServiceAccountPage.of(List.of(account(1)), 1, 2, 3));

    var response =
        mvc.get().uri("/companies/{c}/service-accounts?page=1&size=2", COMPANY).exchange();

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.items.length()").isEqualTo(1);
    assertThat(response).bodyJson().extractingPath("$.page").isEqualTo(1);
    assertThat(response).bodyJson().extractingPath("$.size").isEqualTo(2);
    assertThat(response).bodyJson().extractingPath("$.totalItems").isEqualTo(3);
    assertThat(response).bodyJson().extractingPath("$.totalPages").isEqualTo(2);
  }

  @Test
  void pagesDefaultToTheFirstTwenty() {
    given(accounts.page(COMPANY, 0, 20)).willReturn(ServiceAccountPage.of(List.of(), 0, 20, 0));

    var response = mvc.get().uri("/companies/{c}/service-accounts", COMPANY).exchange();

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.totalPages").isEqualTo(0);
  }

  @Test
  void aNegativePageIsABadRequestNamingThePage() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?page=-1", "page");
  }

  @Test
  void aPageSizeOfZeroIsABadRequestNamingTheSize() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?size=0", "size");
  }

  @Test
  void aPageSizeAbove200IsABadRequestNamingTheSize() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?size=201", "size");
  }

  @Test
  void aPageThatIsNotANumberIsABadRequestNamingThePage() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?page=first", "page");
  }

  @Test
  void aMalformedCompanyIdIsABadRequestNamingIt() {
    assertBadRequestNaming("/companies/acme/service-accounts", "companyId");
  }

  @Test
  void aMalformedAccountIdIsABadRequestNamingIt() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts/not-a-uuid", "id");
  }

  private void assertBadRequestNaming(String uri, String parameter) {
    var response = mvc.get().uri(uri).exchange();

    assertThat(response)
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .startsWith(parameter + " must be");
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo(parameter);
    verifyNoInteractions(accounts);
  }
}
