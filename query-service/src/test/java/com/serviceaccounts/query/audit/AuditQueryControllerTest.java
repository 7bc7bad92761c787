package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import com.serviceaccounts.query.TestCallers;
import com.serviceaccounts.query.personaldata.ContactEmails;
import com.serviceaccounts.security.ResourceServerAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(AuditQueryController.class)
@ImportAutoConfiguration(ResourceServerAutoConfiguration.class)
class AuditQueryControllerTest {

  static final UUID COMPANY = UUID.randomUUID();
  static final UUID ACCOUNT = UUID.randomUUID();

  @Autowired MockMvcTester mvc;
  @MockitoBean JwtDecoder jwtDecoder;
  @Autowired JsonMapper json;
  @MockitoBean AuditTrailRepository entries;
  @MockitoBean ContactEmails contactEmails;

  @Test
  void answersTheTrailWithEachEntrysChangesAsJson() {
    var entry =
        new AuditEntryView(
            UUID.randomUUID(),
            ACCOUNT,
            COMPANY,
            2,
            "ServiceAccountEdited",
            "bob@acme.example",
            Instant.parse("2026-11-28T11:00:00Z"),
            "req-7",
            json.readTree("{\"name\":{\"before\":\"a\",\"after\":\"b\"}}"));
    given(entries.findTrail(COMPANY, ACCOUNT)).willReturn(List.of(entry));

    var response =
        mvc.get()
            .uri("/companies/{c}/service-accounts/{id}/audit", COMPANY, ACCOUNT)
            .with(TestCallers.adminOf(COMPANY))
            .exchange();

    assertThat(response).hasStatusOk();
    assertThat(response)
        .bodyJson()
        .extractingPath("$.items[0].type")
        .isEqualTo("ServiceAccountEdited");
    assertThat(response).bodyJson().extractingPath("$.items[0].version").isEqualTo(2);
    assertThat(response).bodyJson().extractingPath("$.items[0].changes.name.after").isEqualTo("b");
    assertThat(response)
        .bodyJson()
        .extractingPath("$.items[0].occurredAt")
        .isEqualTo("2026-11-28T11:00:00Z");
  }

  @Test
  void anAccountWithoutEntriesInTheCompanyIsNotFound() {
    given(entries.findTrail(COMPANY, ACCOUNT)).willReturn(List.of());

    var response =
        mvc.get()
            .uri("/companies/{c}/service-accounts/{id}/audit", COMPANY, ACCOUNT)
            .with(TestCallers.adminOf(COMPANY))
            .exchange();

    assertThat(response)
        .hasStatus(HttpStatus.NOT_FOUND)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("service account " + ACCOUNT + " not found in company " + COMPANY);
  }

  @Test
  void aMalformedAccountIdIsABadRequestNamingIt() {
    var response =
        mvc.get()
            .uri("/companies/{c}/service-accounts/x/audit", COMPANY)
            .with(TestCallers.adminOf(COMPANY))
            .exchange();

    assertThat(response)
        .hasStatus(HttpStatus.BAD_REQUEST)
        .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .startsWith("id must be a UUID");
  }
}
