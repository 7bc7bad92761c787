package com.serviceaccounts.query.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.contract.query.ServiceAccountView.SecretView;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.query.AdminReads;
import com.serviceaccounts.query.TestCallers;
import com.serviceaccounts.query.consistency.ReadYourWrites;
import com.serviceaccounts.security.access.ResourceServerAutoConfiguration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(ServiceAccountQueryController.class)
@ImportAutoConfiguration(ResourceServerAutoConfiguration.class)
class ServiceAccountQueryControllerTest {

  static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");
  static final UUID ACCOUNT = UUID.fromString("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6");

  @Autowired MockMvcTester mvc;
  @MockitoBean JwtDecoder jwtDecoder;
  @MockitoBean ReadYourWrites readYourWrites;
  @MockitoBean ServiceAccountListing accounts;

  static ServiceAccountView account(long version) {
    Map<String, PermissionLevel> permissions = new LinkedHashMap<>();
    CompanyTools.ids().forEach(tool -> permissions.put(tool, PermissionLevel.NONE));
    permissions.put("reports", PermissionLevel.READ_ONLY);
    return new ServiceAccountView(
        ACCOUNT,
        COMPANY,
        "sa_client",
        "ERP sync",
        AppType.CUSTOM,
        null,
        "erp-sync@acme.example",
        AccountStatus.DELETED,
        permissions,
        List.of(
            new SecretView(
                1,
                Instant.parse("2026-11-28T10:15:30Z"),
                Instant.parse("2026-11-29T10:00:00Z"),
                Instant.parse("2026-11-28T11:30:00Z")),
            new SecretView(2, Instant.parse("2026-11-28T10:00:00Z"), null, null)),
        Instant.parse("2026-11-28T10:15:30Z"),
        "alice@acme.example",
        Instant.parse("2026-11-28T11:00:00Z"),
        "bob@acme.example",
        Instant.parse("2026-11-28T12:00:00Z"),
        Instant.parse("2026-12-28T12:00:00Z"),
        Instant.parse("2026-11-28T11:30:00Z"),
        version);
  }

  @Test
  void answersOneAccountWithItsVersionAsETag() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.of(account(3)));

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT);

    assertThat(response).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"3\"");
    assertThat(response).bodyJson().extractingPath("$.name").isEqualTo("ERP sync");
    assertThat(response).bodyJson().extractingPath("$.appType").isEqualTo("CUSTOM");
    assertThat(response).bodyJson().extractingPath("$.createdAt").isEqualTo("2026-11-28T10:15:30Z");
    assertThat(response).bodyJson().extractingPath("$.version").isEqualTo(3);
  }

  /** Conditional reads are Spring MVC's own: a matching If-None-Match is a bodiless 304. */
  @Test
  void aReadOfTheVersionTheCallerHoldsIsNotModified() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.of(account(3)));

    var unchanged =
        mvc.get()
            .uri("/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT)
            .header(HttpHeaders.IF_NONE_MATCH, "\"3\"")
            .with(TestCallers.adminOf(COMPANY))
            .exchange();
    var changed =
        mvc.get()
            .uri("/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT)
            .header(HttpHeaders.IF_NONE_MATCH, "\"2\"")
            .with(TestCallers.adminOf(COMPANY))
            .exchange();

    assertThat(unchanged).hasStatus(304).hasHeader(HttpHeaders.ETAG, "\"3\"");
    assertThat(unchanged.getResponse().getContentAsByteArray()).isEmpty();
    assertThat(changed).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"3\"");
  }

  @Test
  void answersStatusTheFullPermissionsMatrixSecretsAndDeletion() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.of(account(7)));

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT);

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.status").isEqualTo("DELETED");
    assertThat(response)
        .bodyJson()
        .extractingPath("$.permissions")
        .asMap()
        .containsOnlyKeys(CompanyTools.ids())
        .containsEntry("reports", "READ_ONLY")
        .containsEntry("admin", "NONE");
    assertThat(response).bodyJson().extractingPath("$.secrets.length()").isEqualTo(2);
    assertThat(response).bodyJson().extractingPath("$.secrets[0].number").isEqualTo(1);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.secrets[0].expiresAt")
        .isEqualTo("2026-11-29T10:00:00Z");
    assertThat(response).bodyJson().extractingPath("$.secrets[1].expiresAt").isNull();
    assertThat(response).bodyJson().extractingPath("$.deletedAt").isEqualTo("2026-11-28T12:00:00Z");
    assertThat(response)
        .bodyJson()
        .extractingPath("$.restorableUntil")
        .isEqualTo("2026-12-28T12:00:00Z");
  }

  @Test
  void anAccountNotInTheCompanyIsNotFoundWithoutHintingWhereItIs() {
    given(accounts.find(COMPANY, ACCOUNT)).willReturn(Optional.empty());

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT);

    AdminReads.problemDetail(
            response, HttpStatus.NOT_FOUND, "not-found", ProblemCode.ACCOUNT_NOT_FOUND)
        .isEqualTo("service account " + ACCOUNT + " not found in company " + COMPANY);
    assertThat(response).bodyJson().extractingPath("$.status").isEqualTo(404);
  }

  @Test
  void anUnexpectedFailureIsAServerErrorThatRevealsNothing() {
    given(accounts.find(COMPANY, ACCOUNT))
        .willThrow(new IllegalStateException("connection to 10.0.0.7 refused"));

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT);

    AdminReads.problemDetail(
            response, HttpStatus.INTERNAL_SERVER_ERROR, "server-error", ProblemCode.SERVER_ERROR)
        .isEqualTo("The request could not be answered; try again later.");
  }

  @Test
  void listsAPageWithItsTotals() {
    given(accounts.page(COMPANY, ListingFilter.DEFAULT, 1, 2))
        .willReturn(ServiceAccountPage.of(List.of(account(1)), 1, 2, 3));

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts?page=1&size=2", COMPANY);

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.items.length()").isEqualTo(1);
    assertThat(response).bodyJson().extractingPath("$.page").isEqualTo(1);
    assertThat(response).bodyJson().extractingPath("$.size").isEqualTo(2);
    assertThat(response).bodyJson().extractingPath("$.totalItems").isEqualTo(3);
    assertThat(response).bodyJson().extractingPath("$.totalPages").isEqualTo(2);
  }

  @Test
  void pagesDefaultToTheFirstTwenty() {
    given(accounts.page(COMPANY, ListingFilter.DEFAULT, 0, 20))
        .willReturn(ServiceAccountPage.of(List.of(), 0, 20, 0));

    var response = AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts", COMPANY);

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.totalPages").isEqualTo(0);
  }

  @Test
  void theDefaultListingLeavesOutDeletedAccountsAndAnyAppTypeMatches() {
    assertThat(ListingFilter.DEFAULT.statuses())
        .containsExactlyInAnyOrder(AccountStatus.ACTIVE, AccountStatus.DEACTIVATED);
    assertThat(ListingFilter.DEFAULT.appTypes()).containsExactlyInAnyOrder(AppType.values());
    assertThat(ListingFilter.DEFAULT.nameContains()).isNull();
  }

  @Test
  void statusesAndAppTypesMayBeRepeatedOrCommaSeparated() {
    var filter =
        new ListingFilter(EnumSet.allOf(AccountStatus.class), Set.of(AppType.MARKETPLACE), "100%");
    given(accounts.page(COMPANY, filter, 0, 20))
        .willReturn(ServiceAccountPage.of(List.of(account(1)), 0, 20, 1));

    var response =
        AdminReads.get(
            mvc,
            COMPANY,
            "/companies/{c}/service-accounts?status=DELETED, ACTIVE&status=DEACTIVATED"
                + "&appType=MARKETPLACE&q={q}",
            COMPANY,
            "100%");

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
  }

  @Test
  void anEmptyStatusMeansTheDefault() {
    given(accounts.page(COMPANY, ListingFilter.DEFAULT, 0, 20))
        .willReturn(ServiceAccountPage.of(List.of(), 0, 20, 0));

    var response =
        AdminReads.get(
            mvc, COMPANY, "/companies/{c}/service-accounts?status=&appType=&q=", COMPANY);

    assertThat(response).hasStatusOk();
  }

  @Test
  void anUnknownStatusIsABadRequestNamingTheStatusAndTheValuesAllowed() {
    var response =
        AdminReads.get(
            mvc, COMPANY, "/companies/{c}/service-accounts?status=ACTIVE,PURGED", COMPANY);

    AdminReads.problemDetail(
            response, HttpStatus.BAD_REQUEST, "invalid-parameter", ProblemCode.INVALID_PARAMETER)
        .isEqualTo("status must be one of ACTIVE, DEACTIVATED, DELETED, was 'PURGED'");
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo("status");
    assertThat(response)
        .bodyJson()
        .extractingPath("$.invalidParams[0].code")
        .isEqualTo("invalid-parameter");
    verifyNoInteractions(accounts);
  }

  @Test
  void anUnknownAppTypeIsABadRequestNamingTheAppType() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?appType=custom", "appType");
  }

  @Test
  void everyBadFilterIsNamedAtOnce() {
    var response =
        AdminReads.get(
            mvc, COMPANY, "/companies/{c}/service-accounts?status=GONE&appType=INTERNAL", COMPANY);

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo("status");
    assertThat(response).bodyJson().extractingPath("$.invalidParams[1].name").isEqualTo("appType");
    verifyNoInteractions(accounts);
  }

  @Test
  void aNameQueryLongerThanANameIsABadRequestNamingQ() {
    assertBadRequestNaming("/companies/" + COMPANY + "/service-accounts?q=" + "x".repeat(101), "q");
  }

  @Test
  void aNameQueryCountsCharactersAsANameDoes() {
    // 100 emoji: 100 characters, as a name of 100 emoji has, though 200 UTF-16 units.
    String emoji = "\ud83d\ude00".repeat(100);
    var filter =
        new ListingFilter(ListingFilter.DEFAULT.statuses(), Set.of(AppType.values()), emoji);
    given(accounts.page(COMPANY, filter, 0, 20))
        .willReturn(ServiceAccountPage.of(List.of(account(1)), 0, 20, 1));

    var response =
        AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts?q={q}", COMPANY, emoji);

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
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
    var response = AdminReads.get(mvc, COMPANY, uri);

    AdminReads.problemDetail(
            response, HttpStatus.BAD_REQUEST, "invalid-parameter", ProblemCode.INVALID_PARAMETER)
        .asString()
        .startsWith(parameter + " must be");
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo(parameter);
    verifyNoInteractions(accounts);
  }
}
