package com.serviceaccounts.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.serviceaccounts.contract.command.AccountVersion;
import com.serviceaccounts.contract.command.CreatedServiceAccount;
import com.serviceaccounts.contract.command.RotatedSecret;
import com.serviceaccounts.contract.query.AuditPage;
import com.serviceaccounts.contract.query.CheckpointStatus;
import com.serviceaccounts.contract.query.ServiceAccountPage;
import com.serviceaccounts.contract.query.ServiceAccountStats;
import com.serviceaccounts.contract.query.ServiceAccountView;
import com.serviceaccounts.devissuer.DevTokenIssuer;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.edge.ParameterDefect;
import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.api.ServiceAccountsApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' decisions without the services: sign-in, what each level is offered, the secret page
 * never cached, and the read-your-writes redirect after a change.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WebUiPagesTest {

  static final UUID COMPANY = UUID.randomUUID();
  static final String LIST = "/companies/" + COMPANY + "/service-accounts";

  @Autowired MockMvc mvc;
  @MockitoBean ServiceAccountsApi api;

  @DynamicPropertySource
  static void devSignIn(DynamicPropertyRegistry properties) throws IOException {
    Path keys = Files.createTempDirectory("ui-issuer");
    // The key the services trust, made by whoever starts them (the local stack's launcher).
    DevTokenIssuer.loadOrCreate(keys);
    properties.add("service-accounts.ui.dev-sign-in.key-directory", keys::toString);
  }

  @Test
  void everyPageButTheSignInNeedsASignedInUser() throws Exception {
    mvc.perform(get(LIST)).andExpect(status().isFound()).andExpect(redirectedUrl("/sign-in"));
    mvc.perform(get("/sign-in")).andExpect(status().isOk());
  }

  @Test
  void thePagesOfASignedInPersonHaveTheTopBarAndTheSignInPageOnlyItsOwnFrame() throws Exception {
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), any()))
        .thenReturn(new ServiceAccountPage(List.of(), 0, 20, 0, 0));

    mvc.perform(get(LIST).session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<title>Service Accounts · Service Accounts")))
        .andExpect(content().string(containsString("<a class=\"skip\" href=\"#main\">")))
        .andExpect(content().string(containsString("<nav aria-label=\"Company Settings\"")))
        .andExpect(content().string(containsString("<main id=\"main\">")));
    mvc.perform(get("/sign-in"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<title>Sign in · Service Accounts")))
        .andExpect(content().string(containsString("<main id=\"main\" class=\"narrow\">")))
        .andExpect(content().string(not(containsString("<header"))));
  }

  @Test
  void aCsrfTokenOfThePagesBeforeASignInDoesNotPassAfterIt() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.transition(COMPANY, id, ServiceAccountsApi.Transition.DEACTIVATE, 1))
        .thenReturn(new AccountVersion(id, 2, AccountStatus.DEACTIVATED));
    MockHttpSession session = new MockHttpSession();
    String before = csrfTokenOf(get("/sign-in").session(session));
    mvc.perform(
            post("/sign-in")
                .session(session)
                .param("_csrf", before)
                .param("email", "alice@acme.example")
                .param("companyId", COMPANY.toString())
                .param("adminLevel", "ADMIN")
                .param("directoryLevel", "NONE"))
        .andExpect(redirectedUrl(LIST));

    // Read before signing in (another user's, or a page an attacker had the browser load).
    mvc.perform(
            post(LIST + "/" + id + "/deactivate")
                .session(session)
                .param("_csrf", before)
                .param("version", "1"))
        .andExpect(status().isForbidden());
    verifyNoInteractions(api);
    String after = csrfTokenOf(get("/sign-in").session(session));
    mvc.perform(
            post(LIST + "/" + id + "/deactivate")
                .session(session)
                .param("_csrf", after)
                .param("version", "1"))
        .andExpect(redirectedUrl(LIST + "/" + id + "?v=2"));
  }

  private String csrfTokenOf(MockHttpServletRequestBuilder page) throws Exception {
    String html = mvc.perform(page).andReturn().getResponse().getContentAsString();
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(token.find()).as(html).isTrue();
    return token.group(1);
  }

  @Test
  void theSignInExplainsAMistakeByItsField() throws Exception {
    // Not an address as an account's contact must be one (EmailAddresses).
    for (String malformed :
        List.of(
            "not an email",
            "a@-x.example",
            "a..b@x.example",
            "a@[127.0.0.1]",
            "service-account:sa_x@x.example",
            "al\u202eice@x.example")) {
      mvc.perform(signInAs(malformed))
          .andExpect(status().isUnprocessableContent())
          .andExpect(content().string(containsString("id=\"email-error\"")))
          .andExpect(content().string(containsString("Enter your email address")))
          .andExpect(content().string(containsString("aria-invalid=\"true\"")));
    }
    // A well-formed address the APIs would refuse as a token's name is refused here, saying why:
    // its letters, the @ and dots left out, spell the system's or a service account's kind.
    for (String refused : List.of("sys@t.em", "servi@ce.account")) {
      mvc.perform(signInAs(refused))
          .andExpect(status().isUnprocessableContent())
          .andExpect(content().string(containsString("This address cannot sign in: it ")));
    }
  }

  private static MockHttpServletRequestBuilder signInAs(String email) {
    return post("/sign-in")
        .with(csrf())
        .param("email", email)
        .param("companyId", COMPANY.toString())
        .param("adminLevel", "ADMIN")
        .param("directoryLevel", "ADMIN");
  }

  @Test
  void anAdminIsOfferedNewAndAReadOnlyUserOnlyTheList() throws Exception {
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), any()))
        .thenReturn(new ServiceAccountPage(List.of(account(3)), 0, 20, 1, 1));

    mvc.perform(get(LIST).session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"new-account\"")))
        .andExpect(content().string(containsString("ERP nightly sync")));
    mvc.perform(get(LIST).session(signIn("READ_ONLY", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("id=\"new-account\""))))
        .andExpect(content().string(containsString("id=\"read-only-note\"")));
  }

  @Test
  void eachPageRefusesTooLowALevelSayingWhichItNeeds() throws Exception {
    String account = LIST + "/" + UUID.randomUUID();
    // page, Admin tool level, Directory tool level, what the refusal says is needed
    for (String[] refused :
        List.of(
            new String[] {LIST, "NONE", "ADMIN", "at least Read Only on its Admin tool"},
            new String[] {account, "NONE", "ADMIN", "at least Read Only on its Admin tool"},
            new String[] {
              "/companies/" + COMPANY + "/activity", "NONE", "ADMIN", "at least Read Only"
            },
            new String[] {LIST + "/new", "READ_ONLY", "ADMIN", "Creating and changing"},
            new String[] {account + "/edit", "READ_ONLY", "ADMIN", "Creating and changing"},
            new String[] {account + "/rotate", "READ_ONLY", "ADMIN", "Creating and changing"},
            new String[] {account + "/history", "READ_ONLY", "ADMIN", "Reading the audit trail"},
            new String[] {account + "/permissions", "ADMIN", "READ_ONLY", "Directory tool"})) {
      mvc.perform(get(refused[0]).session(signIn(refused[1], refused[2])))
          .andExpect(status().isForbidden())
          .andExpect(content().string(containsString(refused[3])));
    }
    verifyNoInteractions(api);
  }

  @Test
  void aParameterTheQueryApiRefusesIsNamedOnThePage() throws Exception {
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), any()))
        .thenThrow(
            new ApiProblem(
                400,
                "Invalid request parameter",
                "q must be at most 100 characters",
                "invalid-parameter",
                Map.of(
                    "q",
                    new ApiProblem.FieldError(
                        "invalid-parameter", "must be at most 100 characters")),
                null));

    mvc.perform(get(LIST).param("q", "x").session(signIn("ADMIN", "NONE")))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("This value in the address is not valid: q.")));
  }

  @Test
  void withoutReadOnlyOnTheAdminToolThePageSaysSoAndAsksNothing() throws Exception {
    mvc.perform(get(LIST).session(signIn("NONE", "ADMIN")))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("No access")));
    verifyNoInteractions(api);
  }

  @Test
  void theSecretIsShownOnAPageThatIsNeverCached() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.create(eq(COMPANY), eq("ERP"), eq(AppType.CUSTOM), any(), any(), any()))
        .thenReturn(new CreatedServiceAccount(id, "sa_abc", "sas_the-secret", 1));

    mvc.perform(
            post(LIST)
                .session(signIn("ADMIN", "NONE"))
                .with(csrf())
                .param("appType", "CUSTOM")
                .param("marketplaceAppId", "sage-intacct")
                .param("name", "ERP")
                .param("contactEmail", "erp@acme.example")
                .param("requestKey", UUID.randomUUID().toString()))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", containsString("no-store")))
        .andExpect(content().string(containsString("sas_the-secret")))
        .andExpect(content().string(containsString("cannot be shown")));
  }

  @Test
  void aRotatedSecretIsShownWithTheAccountsClientIdAndUntilWhenTheOldOnesWork() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.account(COMPANY, id, null)).thenReturn(account(4));
    when(api.rotateSecret(COMPANY, id, 4L))
        .thenReturn(
            new RotatedSecret(
                id, "sas_the-new-secret", 2, Instant.parse("2030-01-02T03:04:05Z"), 5));

    mvc.perform(
            post(LIST + "/" + id + "/rotate")
                .session(signIn("ADMIN", "NONE"))
                .with(csrf())
                .param("version", "4"))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", containsString("no-store")))
        .andExpect(content().string(containsString("sas_the-new-secret")))
        .andExpect(content().string(containsString("sa_abc")))
        .andExpect(content().string(containsString("Previous secrets work until")))
        .andExpect(content().string(containsString("New client secret")));
  }

  @Test
  void afterUpdateThePageAsksForTheVersionJustWritten() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.edit(COMPANY, id, "ERP (Sage)", AppType.MARKETPLACE, "sage-intacct", 3L))
        .thenReturn(new AccountVersion(id, 4, AccountStatus.ACTIVE));

    mvc.perform(
            post(LIST + "/" + id + "/edit")
                .session(signIn("ADMIN", "NONE"))
                .with(csrf())
                .param("appType", "MARKETPLACE")
                .param("marketplaceAppId", "sage-intacct")
                .param("name", "ERP (Sage)")
                .param("version", "3"))
        .andExpect(redirectedUrl(LIST + "/" + id + "?v=4"));
  }

  @Test
  void aConcurrentChangeIsExplainedWithTheCurrentValues() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.edit(eq(COMPANY), eq(id), any(), any(), any(), anyLong()))
        .thenThrow(
            new ApiProblem(412, "Version mismatch", "changed", "version-mismatch", Map.of(), 5L));
    when(api.account(COMPANY, id, 5L)).thenReturn(account(5));
    when(api.marketplaceApps()).thenReturn(List.of("sage-intacct"));

    mvc.perform(
            post(LIST + "/" + id + "/edit")
                .session(signIn("ADMIN", "NONE"))
                .with(csrf())
                .param("appType", "CUSTOM")
                .param("name", "Mine")
                .param("version", "3"))
        .andExpect(status().isPreconditionFailed())
        .andExpect(content().string(containsString("Someone else changed this account")))
        .andExpect(content().string(containsString("value=\"5\"")));
  }

  @Test
  void aChangeTheReadSideHasNotShownYetIsAskedForAgainByThePageItself() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.account(COMPANY, id, 7L))
        .thenThrow(
            new ApiProblem(
                503,
                "Version not visible yet",
                "behind",
                "version-not-yet-visible",
                Map.of(),
                null));

    when(api.transition(COMPANY, id, ServiceAccountsApi.Transition.DEACTIVATE, 6))
        .thenReturn(new AccountVersion(id, 7, AccountStatus.DEACTIVATED));
    MockHttpSession session = signIn("ADMIN", "NONE");
    mvc.perform(
            post(LIST + "/" + id + "/deactivate")
                .session(session)
                .with(csrf())
                .param("version", "6"))
        .andExpect(redirectedUrl(LIST + "/" + id + "?v=7"));

    // Nor is version 0 waited for, which every account has passed (query-service refuses it).
    when(api.account(COMPANY, id, null)).thenReturn(account(7));
    mvc.perform(get(LIST + "/" + id).param("v", "0").session(session)).andExpect(status().isOk());
    mvc.perform(get(LIST + "/" + id).param("v", "7").session(session))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().string(containsString("http-equiv=\"refresh\" content=\"1\"")))
        .andExpect(content().string(containsString("Your change is saved")));

    // Another user signing in over the same browser session wrote nothing.
    mvc.perform(
            post("/sign-in")
                .session(session)
                .with(csrf())
                .param("email", "mallory@acme.example")
                .param("companyId", COMPANY.toString())
                .param("adminLevel", "ADMIN")
                .param("directoryLevel", "NONE"))
        .andExpect(redirectedUrl(LIST));
    mvc.perform(get(LIST + "/" + id).param("v", "7").session(session)).andExpect(status().isOk());
  }

  @Test
  void aChangeOfTheUsersThatDoesNotShowIsWaitedForAMinuteNotForEver() throws Exception {
    UUID id = UUID.randomUUID();
    ApiProblem behind =
        new ApiProblem(
            503, "Version not visible yet", "behind", "version-not-yet-visible", Map.of(), null);
    when(api.account(COMPANY, id, 7L)).thenThrow(behind);
    when(api.account(COMPANY, id, null)).thenReturn(account(6));
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), eq(id + ":7")))
        .thenThrow(behind);
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), isNull()))
        .thenReturn(new ServiceAccountPage(List.of(), 0, 20, 0, 0));
    when(api.transition(COMPANY, id, ServiceAccountsApi.Transition.DEACTIVATE, 6))
        .thenReturn(new AccountVersion(id, 7, AccountStatus.DEACTIVATED));
    MockHttpSession session = signIn("ADMIN", "NONE");
    mvc.perform(
            post(LIST + "/" + id + "/deactivate")
                .session(session)
                .with(csrf())
                .param("version", "6"))
        .andExpect(redirectedUrl(LIST + "/" + id + "?v=7"));

    // Its event is held (parked for an operator, say): each load waits, then the page reloads.
    for (int i = 0; i < 10; i++) {
      mvc.perform(get(LIST + "/" + id).param("v", "7").session(session))
          .andExpect(status().isServiceUnavailable());
      mvc.perform(get(LIST).param("after", id + ":7").session(session))
          .andExpect(status().isServiceUnavailable());
    }
    // Then the pages show what query-service has, saying so, and reload no more.
    mvc.perform(get(LIST + "/" + id).param("v", "7").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("http-equiv=\"refresh\""))))
        .andExpect(content().string(containsString("may not show it yet")));
    mvc.perform(get(LIST).param("after", id + ":7").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("may not show it yet")));
    verify(api, times(10)).account(COMPANY, id, 7L);

    // A later change of the user's is waited for again.
    when(api.transition(COMPANY, id, ServiceAccountsApi.Transition.REACTIVATE, 7))
        .thenReturn(new AccountVersion(id, 8, AccountStatus.ACTIVE));
    when(api.account(COMPANY, id, 8L)).thenReturn(account(8));
    mvc.perform(
            post(LIST + "/" + id + "/reactivate")
                .session(session)
                .with(csrf())
                .param("version", "7"))
        .andExpect(redirectedUrl(LIST + "/" + id + "?v=8"));
    mvc.perform(get(LIST + "/" + id).param("v", "8").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("may not show it yet"))));
    verify(api).account(COMPANY, id, 8L);
  }

  @Test
  void aVersionTheSessionDidNotWriteIsNotWaitedFor() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.account(COMPANY, id, null)).thenReturn(account(4));
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), any()))
        .thenReturn(new ServiceAccountPage(List.of(), 0, 20, 0, 0));
    MockHttpSession session = signIn("ADMIN", "NONE");

    // Made by hand, or in a link: no change of this session's, so the page shows the account as
    // it is (it would wait, answer "your change is saved" and reload for ever).
    for (String version : List.of("9223372036854775807", "5", "0")) {
      mvc.perform(get(LIST + "/" + id).param("v", version).session(session))
          .andExpect(status().isOk());
    }
    mvc.perform(get(LIST).param("after", id + ":5").session(session)).andExpect(status().isOk());
    verify(api, times(3)).account(COMPANY, id, null);
    verify(api).accounts(COMPANY, null, List.of(), List.of(), 0, 20, null);
    assertRefused(get(LIST).param("after", "junk"), "after junk", "after", "must be an account's");
    assertRefused(
        get(LIST).param("after", id + ":99999999999999999999"), "after overflow", "after");
  }

  /**
   * The permissions form reads the account it was opened at; a version this session did not write
   * is not waited for (a version nobody wrote, or an account the company does not have, held a wait
   * and answered that the change was saved): an account that is not there is 404, a version that is
   * not the account's 412, as on every other form.
   */
  @Test
  void thePermissionsFormWaitsForNoVersionTheSessionDidNotWrite() throws Exception {
    MockHttpSession session = signIn("ADMIN", "NONE");
    UUID missing = UUID.randomUUID();
    when(api.account(COMPANY, missing, null))
        .thenThrow(
            new ApiProblem(
                404, "Not found", "no such account", "account-not-found", Map.of(), null));

    mvc.perform(
            post(LIST + "/" + missing + "/permissions")
                .with(csrf())
                .session(session)
                .param("version", "1")
                .param("tool.admin", "ADMIN"))
        .andExpect(status().isNotFound());

    UUID id = UUID.randomUUID();
    when(api.account(COMPANY, id, null)).thenReturn(account(4));
    when(api.configurePermissions(COMPANY, id, Map.of("admin", PermissionLevel.ADMIN), 999))
        .thenThrow(
            new ApiProblem(412, "Version mismatch", "changed", "version-mismatch", Map.of(), 4L));
    when(api.account(COMPANY, id, 4L)).thenReturn(account(4));

    mvc.perform(
            post(LIST + "/" + id + "/permissions")
                .with(csrf())
                .session(session)
                .param("version", "999")
                .param("tool.admin", "ADMIN"))
        .andExpect(status().isPreconditionFailed());
    verify(api, never()).account(COMPANY, missing, 1L);
    verify(api, never()).account(COMPANY, id, 999L);
  }

  @Test
  void aParameterOrPathPartNotOfItsKindIsA400NamingIt() throws Exception {
    UUID id = UUID.randomUUID();
    // A whole number in ASCII digits only: Spring would read 0x1, #1, +1 or a full-width 1.
    for (String page : List.of("99999999999", "0x1", "#1", "+1", "\uff11")) {
      assertRefused(
          get(LIST).param("page", page),
          "page " + page,
          "page",
          "must be a whole number from 0 to 2147483647");
    }
    assertRefused(
        get(LIST + "/" + id).param("v", "9223372036854775808"),
        "v beyond a long",
        "v",
        "must be a whole number from 0 to 9223372036854775807");
    for (String version : List.of("abc", "0x1", "#1")) {
      assertRefused(get(LIST + "/" + id).param("v", version), "v " + version, "v");
    }
    assertRefused(get(LIST + "/not-an-id"), "not-an-id", "id");
    // Forms too: a version as the APIs read one, an app type by its name.
    assertRefused(post(LIST + "/" + id + "/rotate").param("version", "0x2"), "rotate", "version");
    assertRefused(
        post(LIST)
            .param("appType", "custom")
            .param("name", "ERP")
            .param("contactEmail", "erp@acme.example")
            .param("requestKey", UUID.randomUUID().toString()),
        "new",
        "appType");
    verifyNoInteractions(api);
  }

  /**
   * The New form's key goes to command-service as the Idempotency-Key header: a character outside
   * ASCII could not go as it is (a 500), and Latin-1 letters went as bytes that made é and ü one
   * key.
   */
  @Test
  void aRequestKeyThatIsNoIdempotencyKeyIsA400AndNothingIsSent() throws Exception {
    for (String key : List.of("\u0661", "\u00e9", "a\u200bb", "a b", "", "k".repeat(201))) {
      assertRefused(
          post(LIST)
              .param("appType", "CUSTOM")
              .param("name", "ERP")
              .param("contactEmail", "erp@acme.example")
              .param("requestKey", key),
          "new with the key '" + key + "'",
          "requestKey",
          "must be 1 to 200 visible ASCII characters");
    }
    verifyNoInteractions(api);
  }

  @Test
  void aFormFieldGivenTwiceIsA400NamingItOnEveryFormAndNothingIsSent() throws Exception {
    UUID id = UUID.randomUUID();
    // Whichever of the two comes first: Spring would take the first app type, and join the names.
    for (String[] appTypes :
        List.of(new String[] {"MARKETPLACE", "CUSTOM"}, new String[] {"CUSTOM", "MARKETPLACE"})) {
      assertRefused(
          post(LIST + "/" + id + "/edit")
              .param("appType", appTypes)
              .param("marketplaceAppId", "sage-intacct")
              .param("name", "ERP")
              .param("version", "3"),
          "edit, app type " + appTypes[0] + " first",
          "appType",
          "must be given once");
    }
    assertRefused(
        post(LIST + "/" + id + "/edit")
            .param("appType", "CUSTOM")
            .param("name", "a", "b")
            .param("version", "3"),
        "edit",
        "name",
        "must be given once");
    assertRefused(
        post(LIST)
            .param("appType", "CUSTOM")
            .param("name", "ERP")
            .param("contactEmail", "erp@acme.example", "other@acme.example")
            .param("requestKey", UUID.randomUUID().toString()),
        "new",
        "contactEmail",
        "must be given once");
    // Spring would take the first level of the tool.
    assertRefused(
        post(LIST + "/" + id + "/permissions")
            .param("version", "3")
            .param("tool.admin", "ADMIN", "NONE"),
        "permissions",
        "tool.admin",
        "must be given once");
    assertRefused(
        post(LIST + "/" + id + "/deactivate").param("version", "3", "3"),
        "deactivate",
        "version",
        "must be given once");
    assertRefused(
        post("/sign-in")
            .param("email", "alice@acme.example", "mallory@acme.example")
            .param("companyId", COMPANY.toString())
            .param("adminLevel", "ADMIN")
            .param("directoryLevel", "ADMIN"),
        "sign-in",
        "email",
        "must be given once");
    verifyNoInteractions(api);
  }

  @Test
  void aNegativeOrEmptyNumberOrAStatusWithASpaceIsA400NamingIt() throws Exception {
    UUID id = UUID.randomUUID();
    // Spring would read page=-1 as page 0, page= and v= as not given, " ACTIVE" as ACTIVE.
    for (String page : List.of("-1", "")) {
      assertRefused(
          get(LIST).param("page", page), "page '" + page + "'", "page", "must be a whole number");
    }
    for (String version : List.of("-1", "")) {
      assertRefused(
          get(LIST + "/" + id).param("v", version),
          "v '" + version + "'",
          "v",
          "must be a whole number");
    }
    String statuses = "must be one of ACTIVE, DEACTIVATED, DELETED";
    assertRefused(
        get(LIST).param("status", " ACTIVE"), "a status with a space", "status", statuses);
    assertRefused(
        get(LIST).param("status", "ACTIVE", "DELETED "),
        "a second status with a space",
        "status",
        statuses);
    assertRefused(
        get(LIST).param("status", "active"), "a status in lower case", "status", statuses);
    assertRefused(
        get(LIST).param("appType", "CUSTOM "),
        "an app type with a space",
        "appType",
        "must be one of CUSTOM, MARKETPLACE");
    verifyNoInteractions(api);

    // What the pages send themselves is read as before.
    when(api.accounts(eq(COMPANY), any(), any(), any(), anyInt(), anyInt(), any()))
        .thenReturn(new ServiceAccountPage(List.of(), 0, 20, 0, 0));
    mvc.perform(
            get(LIST)
                .param("q", "")
                .param("status", "ACTIVE", "DELETED")
                .param("appType", "CUSTOM")
                .param("page", "2")
                .session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk());
    mvc.perform(
            get(LIST)
                .param("status", "ACTIVE,DEACTIVATED")
                .param("appType", "")
                .session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk());
    verify(api).accounts(COMPANY, "", List.of("ACTIVE", "DELETED"), List.of("CUSTOM"), 2, 20, null);
    verify(api).accounts(COMPANY, null, List.of("ACTIVE", "DEACTIVATED"), List.of(), 0, 20, null);
  }

  @Test
  void aNegativeVersionIsA400NamingItOnTheEditFormAsOnEveryOtherForm() throws Exception {
    UUID id = UUID.randomUUID();
    assertRefused(
        post(LIST + "/" + id + "/edit")
            .param("appType", "CUSTOM")
            .param("name", "ERP")
            .param("version", "-1"),
        "edit",
        "version",
        "must be a whole number");
    for (String form :
        List.of("deactivate", "reactivate", "restore", "delete", "rotate", "permissions")) {
      assertRefused(
          post(LIST + "/" + id + "/" + form).param("version", "-1"),
          form,
          "version",
          "must be a whole number");
    }
    verifyNoInteractions(api);
  }

  @Test
  void aParameterOrFieldThePageDoesNotTakeIsA400NamingIt() throws Exception {
    UUID id = UUID.randomUUID();
    // One value, given twice: Spring would join them (q=a,b) or take the first.
    assertRefused(get(LIST).param("q", "a", "b"), "q twice", "q", "must be given once");
    assertRefused(
        get(LIST + "/" + id + "/history").param("cursor", "a", "b"),
        "cursor twice",
        "cursor",
        "must be given once");
    // As long, and as many, as the APIs' edge takes.
    assertRefused(
        get(LIST).param("q", "q".repeat(1_001)), "q of 1,001", "q", "must be at most 1000");
    StringBuilder query = new StringBuilder("status=ACTIVE");
    for (int i = 0; i < 100; i++) {
      query.append("&status=ACTIVE");
    }
    assertRefused(get(LIST + "?" + query), "101 parameters", "query", "must have at most 100");
    // The permissions form's fields: its tools' levels, each by its exact name.
    for (String[] field :
        List.of(
            new String[] {"tool.admin", "admin", "must be one of"},
            new String[] {"tool.admin", " ADMIN", "must be one of"},
            new String[] {"TOOL.ADMIN", "ADMIN", "is not a field of this form"},
            new String[] {"tool.nope", "ADMIN", "is not a field of this form"})) {
      assertRefused(
          post(LIST + "/" + id + "/permissions").param("version", "1").param(field[0], field[1]),
          field[0] + "=" + field[1],
          field[0],
          field[2]);
    }
    verifyNoInteractions(api);
  }

  /** The request, of a signed-in admin, is a 400 naming {@code parameter} for the error page. */
  private void assertRefused(MockHttpServletRequestBuilder request, String what, String parameter)
      throws Exception {
    assertRefused(request, what, parameter, "");
  }

  /**
   * The request, of a signed-in admin, is a 400 with the security headers of every page, naming
   * {@code parameter} and a reason that starts with {@code reason} for the error page.
   */
  private void assertRefused(
      MockHttpServletRequestBuilder request, String what, String parameter, String reason)
      throws Exception {
    mvc.perform(request.session(signIn("ADMIN", "NONE")).with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(
            header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(
            result ->
                assertThat(
                        java.util.Collections.list(result.getRequest().getAttributeNames()).stream()
                            .map(result.getRequest()::getAttribute)
                            .filter(ParameterDefect.class::isInstance)
                            .map(ParameterDefect.class::cast))
                    .as("the refused parameter of %s, for the error page", what)
                    .singleElement()
                    .satisfies(
                        defect -> {
                          assertThat(defect.name()).isEqualTo(parameter);
                          assertThat(defect.reason()).startsWith(reason);
                        }));
  }

  @Test
  void aRefusedFieldIsExplainedByItsCodeNextToTheField() throws Exception {
    when(api.create(eq(COMPANY), any(), any(), any(), any(), any()))
        .thenThrow(
            new ApiProblem(
                422,
                "Invalid request",
                "appType MARKETPLACE needs marketplaceAppId",
                "invalid-field",
                Map.of(
                    "marketplaceAppId",
                    new ApiProblem.FieldError(
                        "marketplace-app-id-required",
                        "appType MARKETPLACE needs marketplaceAppId")),
                null));
    when(api.marketplaceApps()).thenReturn(List.of("sage-intacct"));

    mvc.perform(
            post(LIST)
                .session(signIn("ADMIN", "NONE"))
                .with(csrf())
                .param("appType", "MARKETPLACE")
                .param("name", "ERP")
                .param("contactEmail", "erp@acme.example")
                .param("requestKey", UUID.randomUUID().toString()))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().string(containsString("id=\"marketplaceAppId-error\"")))
        .andExpect(
            content()
                .string(containsString("Choose the marketplace app this account is used with.")))
        .andExpect(content().string(not(containsString("needs marketplaceAppId"))));
  }

  @Test
  void aRefusalNoFormHandlesIsExplainedByItsCode() throws Exception {
    UUID id = UUID.randomUUID();
    when(api.account(COMPANY, id, null))
        .thenThrow(
            new ApiProblem(
                404,
                "Service account not found",
                "service account " + id + " not found in company " + COMPANY,
                "account-not-found",
                Map.of(),
                null));

    mvc.perform(get(LIST + "/" + id).session(signIn("ADMIN", "NONE")))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("Not found")))
        .andExpect(
            content()
                .string(
                    containsString(
                        "This service account does not exist in this company, or it was"
                            + " purged.")));
  }

  @Test
  void aChangeNotOfferedButSentAllTheSameGoesToTheApisWhichRefuseAndRecordIt() throws Exception {
    ApiProblem forbidden =
        new ApiProblem(
            403,
            "Forbidden",
            "ADMIN on the Admin tool is required",
            "insufficient-level",
            Map.of(),
            null);
    when(api.create(eq(COMPANY), any(), any(), any(), any(), any())).thenThrow(forbidden);

    mvc.perform(
            post(LIST)
                .session(signIn("READ_ONLY", "NONE"))
                .with(csrf())
                .param("appType", "CUSTOM")
                .param("name", "ERP")
                .param("contactEmail", "erp@acme.example")
                .param("requestKey", UUID.randomUUID().toString()))
        .andExpect(status().isForbidden());

    verify(api).create(eq(COMPANY), eq("ERP"), any(), any(), eq("erp@acme.example"), any());
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
    mvc.perform(post(LIST).session(signIn("ADMIN", "NONE")).param("name", "x"))
        .andExpect(status().isForbidden());
  }

  @Test
  void anAdminSeesEachChainsNewestCheckpointAndWhetherTheTrailVerifiesUpToIt() throws Exception {
    String activity = "/companies/" + COMPANY + "/activity";
    activityWith(
        new CheckpointStatus(
            "audit",
            3L,
            42L,
            "ab".repeat(32),
            Instant.parse("2026-12-04T17:00:00Z"),
            "cd".repeat(32),
            false,
            "entry 7: the chain up to entry 7 does not match signed checkpoint 1"),
        new CheckpointStatus("security", null, null, null, null, null, false, "no checkpoint yet"));

    mvc.perform(get(activity).session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"checkpoints\"")))
        .andExpect(content().string(containsString("No. 3")))
        .andExpect(content().string(containsString("does not match signed checkpoint 1")))
        .andExpect(content().string(containsString("None yet")));
    mvc.perform(get(activity).session(signIn("READ_ONLY", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("id=\"checkpoints\""))));
    verify(api, times(1)).checkpoints(COMPANY);
  }

  @Test
  void aChainWithoutACheckpointIsVerifiedWhenEmptyAndUndecidedWhenItHasEntries() throws Exception {
    activityWith(
        new CheckpointStatus("audit", null, null, null, null, null, false, "no checkpoint yet"),
        new CheckpointStatus(
            "security",
            null,
            null,
            null,
            null,
            null,
            true,
            "the chain is empty: no entries, and no checkpoint that covers any"));

    mvc.perform(get("/companies/" + COMPANY + "/activity").session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<strong>Yes</strong>")))
        .andExpect(content().string(containsString("the chain is empty")))
        .andExpect(content().string(containsString("<strong>–</strong>")))
        .andExpect(content().string(not(containsString("danger"))));
  }

  @Test
  void theHistoryShowsEachChangeInWordsFromTheTrailAsQueryServiceAnswersIt() throws Exception {
    ServiceAccountView account = account(2);
    when(api.account(COMPANY, account.id(), null)).thenReturn(account);
    String entry =
        """
        {"eventId":"%s","companyId":"%s","companySequence":%d,"accountId":"%s","version":%d,
         "type":"%s","actor":"user:alice@acme.example","actorType":"user",
         "occurredAt":"2026-12-04T17:00:00Z","correlationId":"c","changes":%s,"chainVersion":2,
         "hash":"%s"}""";
    AuditPage history =
        JsonMapper.builder()
            .build()
            .readValue(
                "{\"items\":["
                    + entry.formatted(
                        UUID.randomUUID(),
                        COMPANY,
                        2,
                        account.id(),
                        2,
                        "ServiceAccountEdited",
                        """
                        {"appType":{"before":"CUSTOM","after":"MARKETPLACE"},
                         "marketplaceAppId":{"before":null,"after":"sage-intacct"}}""",
                        "ab".repeat(32))
                    + ","
                    + entry.formatted(
                        UUID.randomUUID(),
                        COMPANY,
                        1,
                        account.id(),
                        1,
                        "ServiceAccountCreated",
                        """
                        {"name":{"after":"ERP nightly sync"},
                         "contactEmail":{"after":null,"erased":true}}""",
                        "cd".repeat(32))
                    + "],\"nextCursor\":null}",
                AuditPage.class);
    when(api.history(COMPANY, account.id(), null, null)).thenReturn(history);

    mvc.perform(get(LIST + "/" + account.id() + "/history").session(signIn("ADMIN", "NONE")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<td class=\"before\">Custom</td>")))
        .andExpect(content().string(containsString("<td class=\"after\">Marketplace</td>")))
        .andExpect(content().string(containsString("<td class=\"before\">—</td>")))
        .andExpect(content().string(containsString("<td class=\"after\">Sage Intacct</td>")))
        .andExpect(content().string(containsString("<td class=\"after\">ERP nightly sync</td>")))
        .andExpect(content().string(containsString("<td class=\"after\">Erased</td>")));
  }

  /** What query-service answers for the Activity page: no figures, and these checkpoints. */
  private void activityWith(CheckpointStatus... checkpoints) {
    when(api.stats(COMPANY))
        .thenReturn(
            new ServiceAccountStats(
                Map.of(), Map.of(), 0, Instant.now(), Instant.now(), List.of()));
    when(api.checkpoints(COMPANY)).thenReturn(List.of(checkpoints));
  }

  private MockHttpSession signIn(String adminLevel, String directoryLevel) throws Exception {
    return (MockHttpSession)
        mvc.perform(
                post("/sign-in")
                    .with(csrf())
                    .param("email", "alice@acme.example")
                    .param("companyId", COMPANY.toString())
                    .param("adminLevel", adminLevel)
                    .param("directoryLevel", directoryLevel))
            .andExpect(redirectedUrl(LIST))
            .andReturn()
            .getRequest()
            .getSession();
  }

  private static ServiceAccountView account(long version) {
    return new ServiceAccountView(
        UUID.randomUUID(),
        COMPANY,
        "sa_abc",
        "ERP nightly sync",
        AppType.CUSTOM,
        null,
        "erp@acme.example",
        AccountStatus.ACTIVE,
        Map.of("admin", PermissionLevel.NONE),
        List.of(),
        Instant.now(),
        "user:alice@acme.example",
        null,
        null,
        null,
        null,
        null,
        version);
  }
}
