package com.serviceaccounts.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.verifyNoInteractions;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.query.AdminReads;
import com.serviceaccounts.query.TestCallers;
import com.serviceaccounts.query.consistency.ReadYourWrites;
import com.serviceaccounts.query.personaldata.ContactEmails;
import com.serviceaccounts.security.access.ResourceServerAutoConfiguration;
import com.serviceaccounts.security.edge.HttpEdgeAutoConfiguration;
import com.serviceaccounts.security.problems.DatabaseFaultsAutoConfiguration;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.coyote.CloseNowException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(AuditQueryController.class)
@ExtendWith(OutputCaptureExtension.class)
@ImportAutoConfiguration({
  ResourceServerAutoConfiguration.class,
  HttpEdgeAutoConfiguration.class,
  DatabaseFaultsAutoConfiguration.class
})
class AuditQueryControllerTest {

  static final UUID COMPANY = UUID.randomUUID();
  static final UUID ACCOUNT = UUID.randomUUID();

  @Autowired MockMvcTester mvc;
  @MockitoBean JwtDecoder jwtDecoder;
  @MockitoBean ReadYourWrites readYourWrites;
  @Autowired JsonMapper json;
  @MockitoBean AuditTrailRepository entries;
  @MockitoBean ContactEmails contactEmails;
  @MockitoBean AuditChainVerifier verifier;
  @MockitoBean AuditExport export;

  @Test
  void answersTheTrailWithEachEntrysChangesAsJson() {
    var entry =
        new AuditEntry(
            UUID.randomUUID(),
            COMPANY,
            7,
            ACCOUNT,
            2,
            "ServiceAccountEdited",
            "bob@acme.example",
            "user",
            Instant.parse("2026-11-28T11:00:00Z"),
            "req-7",
            json.readTree("{\"name\":{\"before\":\"a\",\"after\":\"b\"}}"),
            2,
            "ab".repeat(32));
    given(entries.hasEntries(COMPANY, ACCOUNT)).willReturn(true);
    given(entries.newestFirst(any(), isNull(), eq(51))).willReturn(List.of(entry));

    var response =
        AdminReads.get(
            mvc, COMPANY, "/companies/{c}/service-accounts/{id}/audit", COMPANY, ACCOUNT);

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
    assertThat(response).bodyJson().extractingPath("$.items[0].companySequence").isEqualTo(7);
    assertThat(response).bodyJson().extractingPath("$.items[0].actorType").isEqualTo("user");
    assertThat(response).bodyJson().extractingPath("$.nextCursor").isNull();
    assertThat(response).bodyJson().doesNotHavePath("$.totalItems");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=0|limit",
        "limit=501|limit",
        "limit=many|limit",
        "type=ServiceAccountArchived|type",
        "type=ServiceAccountEdited,Nope|type",
        "from=yesterday|from",
        "from=2026-11-28T10:00:00Z&to=2026-11-28T10:00:00Z|to",
        "cursor=bm90LWEtY3Vyc29y|cursor",
        "cursor=***|cursor",
        // A cursor this API wrote, but with a full-width digit: Java would read it as 5.
        "cursor=YmVmb3JlOu-8lQ|cursor",
        "accountId=42|accountId",
        "count=perhaps|count"
      })
  void aBadParameterIsABadRequestProblemNamingIt(String query, String parameter) {
    var response = AdminReads.get(mvc, COMPANY, "/companies/" + COMPANY + "/audit?" + query);

    AdminReads.problemDetail(response, HttpStatus.BAD_REQUEST).asString().startsWith(parameter);
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo(parameter);
  }

  /** An export is the whole chain in its range, or an auditor could not verify it. */
  @ParameterizedTest
  @ValueSource(strings = {"type=ServiceAccountEdited", "actor=user:a", "limit=5", "cursor=x"})
  void aFilterOfTheTrailIsRefusedByTheExportNotIgnored(String filter) {
    var response =
        AdminReads.get(mvc, COMPANY, "/companies/" + COMPANY + "/audit/export?" + filter);

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.invalidParams[0].name")
        .isEqualTo(filter.substring(0, filter.indexOf('=')));
    verifyNoInteractions(export);
  }

  /**
   * An export whose database connection is ended once it has begun is cut: the connection closed,
   * one line logged, and the handler of the database's failure not asked to answer an answer
   * already begun (once, it logged a line more, or a stack trace when writing its problem failed).
   */
  @Test
  void anExportCutOnceBegunLogsOneLine(CapturedOutput output) throws Exception {
    RuntimeException thrown =
        new DataAccessResourceFailureException(
            "export failed",
            new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));
    willAnswer(
            invocation -> {
              OutputStream out = invocation.getArgument(2);
              out.write(new byte[20_000]);
              out.flush();
              throw thrown;
            })
        .given(export)
        .write(any(), any(), any());

    var response = AdminReads.get(mvc, COMPANY, "/companies/" + COMPANY + "/audit/export");

    assertThat(response).failure().isInstanceOf(CloseNowException.class);
    assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ")))
        .singleElement(InstanceOfAssertFactories.STRING)
        .contains("cut after it began");
  }

  @Test
  void anUnknownExportFormatIsABadRequestNamingIt() {
    var response =
        AdminReads.get(mvc, COMPANY, "/companies/" + COMPANY + "/audit/export?format=xml");

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response).bodyJson().extractingPath("$.invalidParams[0].name").isEqualTo("format");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/audit", "/audit/verify", "/audit/export"})
  void theCompanyTrailNeedsAdminOnTheAdminTool(String path) {
    var readOnly =
        mvc.get()
            .uri("/companies/" + COMPANY + path)
            .with(TestCallers.withLevel(COMPANY, "READ_ONLY"))
            .exchange();
    var otherCompany =
        mvc.get()
            .uri("/companies/" + COMPANY + path)
            .with(TestCallers.adminOf(UUID.randomUUID()))
            .exchange();

    assertThat(readOnly).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(otherCompany).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void anAccountWithoutEntriesInTheCompanyIsNotFound() {
    given(entries.hasEntries(COMPANY, ACCOUNT)).willReturn(false);

    var response =
        AdminReads.get(
            mvc, COMPANY, "/companies/{c}/service-accounts/{id}/audit", COMPANY, ACCOUNT);

    AdminReads.problemDetail(response, HttpStatus.NOT_FOUND)
        .isEqualTo("service account " + ACCOUNT + " not found in company " + COMPANY);
  }

  @Test
  void aMalformedAccountIdIsABadRequestNamingIt() {
    var response = AdminReads.get(mvc, COMPANY, "/companies/{c}/service-accounts/x/audit", COMPANY);

    AdminReads.problemDetail(response, HttpStatus.BAD_REQUEST)
        .asString()
        .startsWith("id must be a UUID");
  }
}
