package com.serviceaccounts.command.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.serviceaccounts.command.denied.DeniedAttemptRecorder;
import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.ClientSecretHash;
import com.serviceaccounts.security.access.ResourceServerAutoConfiguration;
import com.serviceaccounts.security.edge.HttpEdgeAutoConfiguration;
import com.serviceaccounts.security.problems.DatabaseFaultsAutoConfiguration;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

// The recording of refusals needs the database; ServiceAccountLifecycleIT covers it.
@WebMvcTest(
    controllers = ServiceAccountCommandController.class,
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = DeniedAttemptRecorder.class))
@ImportAutoConfiguration({
  ResourceServerAutoConfiguration.class,
  HttpEdgeAutoConfiguration.class,
  DatabaseFaultsAutoConfiguration.class
})
class ServiceAccountCommandControllerTest {

  static final String COMPANY = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";
  static final String ACCOUNT = "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  static final String PROBLEM = "application/problem+json";

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TestConfiguration
  @EnableConfigurationProperties(LifecycleProperties.class)
  static class FixedClock {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  static final RequestPostProcessor ALICE =
      caller(COMPANY, Map.of("admin", "ADMIN", "directory", "ADMIN"));

  static RequestPostProcessor caller(String company, Map<String, String> tools) {
    return jwt()
        .jwt(
            token ->
                token
                    .subject("user:alice@acme.example")
                    .claim("companies", Map.of(company, tools)));
  }

  @Autowired MockMvc mvc;
  @MockitoBean JwtDecoder jwtDecoder;
  @MockitoBean CommandGateway gateway;
  @MockitoBean CreateRequests createRequests;

  static MockHttpServletRequestBuilder create(String body) {
    return post("/companies/{companyId}/service-accounts", COMPANY)
        .with(ALICE)
        .header("X-Correlation-Id", "req-1")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  static MockHttpServletRequestBuilder edit(String account, String body) {
    return patch("/companies/{companyId}/service-accounts/{id}", COMPANY, account)
        .with(ALICE)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  @Test
  void createAnswersWithTheCredentialsOnceAndSendsOnlyTheSecretsHash() throws Exception {
    MvcResult result =
        mvc.perform(
                create(
                    "{\"name\":\"ERP sync\",\"appType\":\"CUSTOM\",\"contactEmail\":\"erp@acme.example\"}"))
            .andExpect(status().isCreated())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(header().string("ETag", "\"1\""))
            .andExpect(header().string("X-Correlation-Id", "req-1"))
            .andExpect(jsonPath("$.version").value(1))
            .andReturn();
    String body = result.getResponse().getContentAsString();
    String id = JsonPath.read(body, "$.id");
    String clientId = JsonPath.read(body, "$.clientId");
    String secret = JsonPath.read(body, "$.clientSecret");
    assertThat(result.getResponse().getHeader("Location"))
        .isEqualTo("/companies/" + COMPANY + "/service-accounts/" + id);
    assertThat(clientId).matches("sa_[A-Za-z0-9_-]{22}");
    assertThat(secret).matches("sas_[A-Za-z0-9_-]{43}");

    CommandMessage<?> sent = sentCommand();
    assertThat(sent.getPayload())
        .isEqualTo(
            new CreateServiceAccount(
                UUID.fromString(id),
                UUID.fromString(COMPANY),
                clientId,
                ClientSecretHash.of(secret),
                new CreateServiceAccountRequest(
                    "ERP sync", AppType.CUSTOM, null, "erp@acme.example")));
    assertThat(sent.getMetaData())
        .containsEntry("actor", "user:alice@acme.example")
        .containsEntry("correlationId", "req-1");
    assertThat(sent.toString()).doesNotContain(secret);
  }

  @Test
  void eachCreateGetsItsOwnCredentials() throws Exception {
    String body = "{\"name\":\"a\",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}";
    String first = mvc.perform(create(body)).andReturn().getResponse().getContentAsString();
    String second = mvc.perform(create(body)).andReturn().getResponse().getContentAsString();
    assertThat((String) JsonPath.read(first, "$.clientSecret"))
        .isNotEqualTo(JsonPath.read(second, "$.clientSecret"));
    assertThat((String) JsonPath.read(first, "$.clientId"))
        .isNotEqualTo(JsonPath.read(second, "$.clientId"));
  }

  @Test
  void malformedJsonIsAProblemAndSendsNothing() throws Exception {
    mvc.perform(create("{\"name\": \"ERP"))
        .andExpect(status().isBadRequest())
        .andExpect(header().string("Content-Type", PROBLEM))
        .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:malformed-json"))
        .andExpect(jsonPath("$.status").value(400));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void unknownAppTypeNamesTheFieldAndTheAllowedValues() throws Exception {
    mvc.perform(
            create("{\"name\":\"a\",\"appType\":\"PARTNER\",\"contactEmail\":\"a@acme.example\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("appType"))
        .andExpect(jsonPath("$.errors[0].code").value("invalid-value"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("appType must be one of [CUSTOM, MARKETPLACE], was 'PARTNER'"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void unknownFieldIsNamed() throws Exception {
    mvc.perform(
            create("{\"nmae\":\"a\",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("nmae"))
        .andExpect(jsonPath("$.code").value("unknown-field"))
        .andExpect(jsonPath("$.errors[0].code").value("unknown-field"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aNameThatIsNotAStringIsNamed() throws Exception {
    mvc.perform(
            create(
                "{\"name\":{\"x\":1},\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("name"));
  }

  @Test
  void aRequestWithoutATokenIsUnauthorized() throws Exception {
    mvc.perform(
            post("/companies/{companyId}/service-accounts", COMPANY)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"a\",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("Content-Type", PROBLEM))
        .andExpect(header().exists("WWW-Authenticate"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aCallerOfAnotherCompanyGetsNotFound() throws Exception {
    mvc.perform(
            edit(ACCOUNT, "{\"name\":\"x\"}")
                .with(caller(UUID.randomUUID().toString(), Map.of("admin", "ADMIN"))))
        .andExpect(status().isNotFound())
        .andExpect(header().string("Content-Type", PROBLEM))
        .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:not-found"))
        .andExpect(jsonPath("$.code").value("account-not-found"))
        .andExpect(jsonPath("$.detail").value("company " + COMPANY + " has no such resource"));
    verify(gateway, never()).sendAndWait(any());
  }

  /** Each operation names its policy; none is left open to a member with a lower level. */
  @Test
  void everyOperationOnAnAccountNeedsAdminOnTheAdminTool() throws Exception {
    RequestPostProcessor standard =
        caller(COMPANY, Map.of("admin", "STANDARD", "directory", "ADMIN"));
    String account = "/companies/{c}/service-accounts/{id}";
    for (MockHttpServletRequestBuilder request :
        List.of(
            post("/companies/{c}/service-accounts", COMPANY)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"),
            patch(account, COMPANY, ACCOUNT).contentType(MediaType.APPLICATION_JSON).content("{}"),
            post(account + "/secret-rotations", COMPANY, ACCOUNT),
            post(account + "/deactivation", COMPANY, ACCOUNT),
            post(account + "/reactivation", COMPANY, ACCOUNT),
            delete(account, COMPANY, ACCOUNT),
            post(account + "/restoration", COMPANY, ACCOUNT))) {
      mvc.perform(request.with(standard))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:forbidden"))
          .andExpect(
              jsonPath("$.detail")
                  .value(
                      "this needs ADMIN on the company's Admin tool; your level there is STANDARD"));
    }
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aCallerWithoutAdminOnTheAdminToolIsForbidden() throws Exception {
    mvc.perform(
            edit(ACCOUNT, "{\"name\":\"x\"}").with(caller(COMPANY, Map.of("admin", "STANDARD"))))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("forbidden"))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("ADMIN on the company's Admin tool")));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void permissionsNeedAdminOnTheDirectoryTool() throws Exception {
    mvc.perform(
            patch("/companies/{c}/service-accounts/{id}/permissions", COMPANY, ACCOUNT)
                .with(caller(COMPANY, Map.of("admin", "ADMIN", "directory", "STANDARD")))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reports\":\"READ_ONLY\"}"))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "this needs ADMIN on the company's Directory tool; your level there is"
                        + " STANDARD"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void ruleViolationFromTheAggregateIsUnprocessableAndNamesTheField() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenThrow(
            new InvalidServiceAccountException(
                "name", ProblemCode.NAME_REQUIRED, "name is required and must not be blank"));
    mvc.perform(
            create("{\"name\":\" \",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(header().string("Content-Type", PROBLEM))
        .andExpect(jsonPath("$.errors[0].field").value("name"))
        .andExpect(jsonPath("$.code").value("invalid-field"))
        .andExpect(jsonPath("$.errors[0].code").value("name-required"))
        .andExpect(jsonPath("$.detail").value("name is required and must not be blank"));
  }

  @Test
  void editSendsOnlyTheChangedFieldsAndAnswersWithTheNewVersion() throws Exception {
    when(gateway.sendAndWait(any())).thenReturn(4L);
    mvc.perform(edit(ACCOUNT, "{\"name\":\"ERP nightly\"}"))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"4\""))
        .andExpect(jsonPath("$.id").value(ACCOUNT))
        .andExpect(jsonPath("$.version").value(4));
    assertThat(sentCommand().getPayload())
        .isEqualTo(
            new EditServiceAccount(
                UUID.fromString(ACCOUNT),
                UUID.fromString(COMPANY),
                "ERP nightly",
                null,
                null,
                null));
  }

  @Test
  void editAcceptsMergePatchJson() throws Exception {
    when(gateway.sendAndWait(any())).thenReturn(2L);
    mvc.perform(
            edit(ACCOUNT, "{\"appType\":\"CUSTOM\"}").contentType("application/merge-patch+json"))
        .andExpect(status().isOk());
  }

  @Test
  void editOfTheContactEmailIsRefusedWithTheReason() throws Exception {
    mvc.perform(edit(ACCOUNT, "{\"contactEmail\":\"new@acme.example\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].field").value("contactEmail"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("stops working")));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void malformedAccountIdIsNamed() throws Exception {
    mvc.perform(edit("not-a-uuid", "{\"name\":\"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void unknownAccountIsNotFound() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenThrow(new AggregateNotFoundException(ACCOUNT, "no such aggregate"));
    mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}"))
        .andExpect(status().isNotFound())
        .andExpect(header().string("Content-Type", PROBLEM))
        .andExpect(jsonPath("$.title").value("Service account not found"))
        .andExpect(jsonPath("$.detail").value(NOT_FOUND_DETAIL));
  }

  @Test
  void anotherCompanysAccountIsNotFoundAlike() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenThrow(
            new ServiceAccountNotFoundException(
                UUID.fromString(COMPANY), UUID.fromString(ACCOUNT)));
    mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.title").value("Service account not found"))
        .andExpect(jsonPath("$.detail").value(NOT_FOUND_DETAIL));
  }

  /** The same words for an unknown id and another company's account. */
  static final String NOT_FOUND_DETAIL =
      "service account " + ACCOUNT + " not found in company " + COMPANY;

  @Test
  void ifMatchBecomesTheExpectedVersion() throws Exception {
    when(gateway.sendAndWait(any())).thenReturn(4L);
    mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}").header("If-Match", "\"3\""))
        .andExpect(status().isOk());
    assertThat(((EditServiceAccount) sentCommand().getPayload()).expectedVersion()).isEqualTo(3L);
  }

  @Test
  void aMalformedIfMatchIsABadRequest() throws Exception {
    mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}").header("If-Match", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:invalid-if-match"));
    verify(gateway, never()).sendAndWait(any());
  }

  /** RFC 9110: If-Match is "*" or a list of entity tags; an empty one is malformed. */
  @Test
  void anEmptyIfMatchIsABadRequestNotAnUnconditionalWrite() throws Exception {
    for (String empty : new String[] {"", " "}) {
      mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}").header("If-Match", empty))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value("urn:service-accounts:problem:invalid-if-match"));
    }
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aStaleVersionIsPreconditionFailedWithTheCurrentVersion() throws Exception {
    when(gateway.sendAndWait(any())).thenThrow(new VersionMismatchException(3, 5));
    mvc.perform(edit(ACCOUNT, "{\"name\":\"x\"}").header("If-Match", "\"3\""))
        .andExpect(status().isPreconditionFailed())
        .andExpect(header().string("ETag", "\"5\""))
        .andExpect(jsonPath("$.code").value("version-mismatch"))
        .andExpect(jsonPath("$.currentVersion").value(5));
  }

  /**
   * The database gone (the connection ended under the event store): a 503 to try again, not a 500;
   * the event store's failure of another kind is still the error it was, and a concurrent change
   * (whose cause is a SQL error too) still a 409.
   */
  @Test
  void anEventStoreThatCannotReachItsDatabaseIsA503() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenThrow(
            new EventStoreException(
                "Error reading aggregate snapshot",
                new SQLException("FATAL: terminating connection", "57P01")));
    mvc.perform(
            post("/companies/{c}/service-accounts/{id}/deactivation", COMPANY, ACCOUNT).with(ALICE))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.code").value("unavailable"));

    doThrow(
            new ConcurrencyException(
                "already inserted", new SQLException("duplicate key value", "23505")))
        .when(gateway)
        .sendAndWait(any());
    mvc.perform(
            post("/companies/{c}/service-accounts/{id}/deactivation", COMPANY, ACCOUNT).with(ALICE))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("concurrent-change"));

    EventStoreException other =
        new EventStoreException("bad row", new SQLException("invalid input syntax", "22P02"));
    doThrow(other).when(gateway).sendAndWait(any());
    assertThatThrownBy(
            () ->
                mvc.perform(
                    post("/companies/{c}/service-accounts/{id}/deactivation", COMPANY, ACCOUNT)
                        .with(ALICE)))
        .hasRootCauseInstanceOf(SQLException.class);
  }

  @Test
  void anIllegalTransitionIsAConflictWithTheCurrentStatus() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenThrow(
            new IllegalTransitionException(
                AccountStatus.DEACTIVATED, "only an active service account can be deactivated"));
    mvc.perform(
            post("/companies/{c}/service-accounts/{id}/deactivation", COMPANY, ACCOUNT).with(ALICE))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("illegal-transition"))
        .andExpect(jsonPath("$.accountStatus").value("DEACTIVATED"));
  }

  @Test
  void deleteUsesTheConfiguredRestoreWindow() throws Exception {
    when(gateway.sendAndWait(any())).thenReturn(3L);
    mvc.perform(delete("/companies/{c}/service-accounts/{id}", COMPANY, ACCOUNT).with(ALICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("DELETED"))
        .andExpect(jsonPath("$.version").value(3));
    assertThat(sentCommand().getPayload())
        .isEqualTo(
            new ChangeLifecycle(
                UUID.fromString(ACCOUNT),
                UUID.fromString(COMPANY),
                LifecycleTransition.DELETE,
                NOW,
                Duration.ofDays(30),
                null));
  }

  @Test
  void rotationShowsTheNewSecretOnceAndSendsOnlyItsHash() throws Exception {
    when(gateway.sendAndWait(any()))
        .thenReturn(new SecretRotation(2, NOW.plus(Duration.ofHours(1)), 4));
    MvcResult result =
        mvc.perform(
                post("/companies/{c}/service-accounts/{id}/secret-rotations", COMPANY, ACCOUNT)
                    .with(ALICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"previousSecretValidFor\":\"PT1H\"}"))
            .andExpect(status().isOk())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(header().string("ETag", "\"4\""))
            .andExpect(jsonPath("$.secretNumber").value(2))
            .andExpect(jsonPath("$.previousSecretsExpireAt").value("2026-11-28T13:00:00Z"))
            .andReturn();
    String secret = JsonPath.read(result.getResponse().getContentAsString(), "$.clientSecret");
    RotateClientSecret sent = (RotateClientSecret) sentCommand().getPayload();
    assertThat(sent.clientSecretHash()).isEqualTo(ClientSecretHash.of(secret));
    assertThat(sent.overlap()).isEqualTo(Duration.ofHours(1));
    assertThat(sent.now()).isEqualTo(NOW);
  }

  @Test
  void rotationWithoutABodyUsesTheDefaultOverlap() throws Exception {
    when(gateway.sendAndWait(any())).thenReturn(new SecretRotation(2, NOW, 2));
    mvc.perform(
            post("/companies/{c}/service-accounts/{id}/secret-rotations", COMPANY, ACCOUNT)
                .with(ALICE))
        .andExpect(status().isOk());
    assertThat(((RotateClientSecret) sentCommand().getPayload()).overlap())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aNegativeOverlapIsRefused() throws Exception {
    mvc.perform(
            post("/companies/{c}/service-accounts/{id}/secret-rotations", COMPANY, ACCOUNT)
                .with(ALICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"previousSecretValidFor\":\"-PT1H\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].field").value("previousSecretValidFor"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void anUnknownPermissionLevelIsNamed() throws Exception {
    mvc.perform(
            patch("/companies/{c}/service-accounts/{id}/permissions", COMPANY, ACCOUNT)
                .with(ALICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reports\":\"SUPER\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reports"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReplaysTheFirstResultWithoutTheSecret() throws Exception {
    String body = "{\"name\":\"a\",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}";
    String hash =
        CreateRequests.hash(
            new CreateServiceAccountRequest("a", AppType.CUSTOM, null, "a@acme.example"));
    when(createRequests.find(UUID.fromString(COMPANY), "key-1"))
        .thenReturn(
            java.util.Optional.of(
                new CreateRequests.CreateRequest(hash, UUID.fromString(ACCOUNT), "sa_first")));
    mvc.perform(create(body).header("Idempotency-Key", "key-1"))
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.id").value(ACCOUNT))
        .andExpect(jsonPath("$.clientId").value("sa_first"))
        .andExpect(jsonPath("$.clientSecret").doesNotExist());
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void theSameIdempotencyKeyWithAnotherRequestIsRefused() throws Exception {
    when(createRequests.find(UUID.fromString(COMPANY), "key-1"))
        .thenReturn(
            java.util.Optional.of(
                new CreateRequests.CreateRequest(
                    "0".repeat(64), UUID.fromString(ACCOUNT), "sa_x")));
    mvc.perform(
            create("{\"name\":\"b\",\"appType\":\"CUSTOM\",\"contactEmail\":\"b@acme.example\"}")
                .header("Idempotency-Key", "key-1"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    verify(gateway, never()).sendAndWait(any());
  }

  @Test
  void aNewIdempotencyKeyTravelsWithTheCommand() throws Exception {
    mvc.perform(
            create("{\"name\":\"a\",\"appType\":\"CUSTOM\",\"contactEmail\":\"a@acme.example\"}")
                .header("Idempotency-Key", "key-2"))
        .andExpect(status().isCreated());
    assertThat(sentCommand().getMetaData())
        .containsEntry("idempotencyKey", "key-2")
        .containsKey("requestHash");
  }

  private CommandMessage<?> sentCommand() {
    ArgumentCaptor<CommandMessage<?>> captor = ArgumentCaptor.forClass(CommandMessage.class);
    verify(gateway).sendAndWait(captor.capture());
    return captor.getValue();
  }
}
