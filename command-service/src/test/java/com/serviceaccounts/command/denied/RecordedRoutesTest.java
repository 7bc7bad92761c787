package com.serviceaccounts.command.denied;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordedRoutesTest {

  private static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");
  private static final UUID ACCOUNT = UUID.fromString("6ae6718e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");

  @Test
  void aRequestAtAnAccountRecordsTheCompanyTheAccountAndTheRouteWithoutTheIds() {
    assertThat(
            RecordedRoutes.of(
                "POST", "/companies/" + COMPANY + "/service-accounts/" + ACCOUNT + "/deactivation"))
        .contains(
            new RecordedRoutes.Route(
                COMPANY, ACCOUNT, "POST /companies/{id}/service-accounts/{id}/deactivation"));
    assertThat(
            RecordedRoutes.of("DELETE", "/companies/" + COMPANY + "/service-accounts/" + ACCOUNT))
        .contains(
            new RecordedRoutes.Route(
                COMPANY, ACCOUNT, "DELETE /companies/{id}/service-accounts/{id}"));
  }

  @Test
  void aRequestAtACompanyRecordsNoAccount() {
    assertThat(RecordedRoutes.of("POST", "/companies/" + COMPANY + "/service-accounts"))
        .contains(new RecordedRoutes.Route(COMPANY, null, "POST /companies/{id}/service-accounts"));
    assertThat(RecordedRoutes.of("PATCH", "/companies/" + COMPANY + "/service-accounts/not-an-id"))
        .contains(
            new RecordedRoutes.Route(
                COMPANY, null, "PATCH /companies/{id}/service-accounts/not-an-id"));
  }

  @Test
  void idsInUpperCaseAreTheSameIds() {
    String upper = COMPANY.toString().toUpperCase(java.util.Locale.ROOT);
    assertThat(RecordedRoutes.of("POST", "/companies/" + upper + "/service-accounts"))
        .contains(new RecordedRoutes.Route(COMPANY, null, "POST /companies/{id}/service-accounts"));
  }

  @Test
  void requestsNotAimedAtACompanyAreNotRecorded() {
    assertThat(RecordedRoutes.of("GET", "/marketplace-apps")).isEmpty();
    assertThat(RecordedRoutes.of("GET", "/internal/event-stream")).isEmpty();
    assertThat(RecordedRoutes.of("GET", "/actuator/health")).isEmpty();
    assertThat(RecordedRoutes.of("POST", "/companies/acme/service-accounts")).isEmpty();
    assertThat(RecordedRoutes.of("POST", "/companies/1-1-1-1-1/service-accounts")).isEmpty();
    assertThat(RecordedRoutes.of("POST", "/companies")).isEmpty();
  }

  @Test
  void theRecordedStatusesAreTheRefusalsOfAnAuthenticatedCaller() {
    // A 401 has no caller of the company to record: only the company's own callers are.
    assertThat(RecordedRoutes.STATUSES).containsExactlyInAnyOrder(403, 404, 409, 412, 422);
  }
}
