package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.localstack.Ports;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.systemtests.Hostile.Piece;
import com.serviceaccounts.systemtests.RawHttp.Answer;
import com.serviceaccounts.testsupport.TestServiceCredentials;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile requests to every endpoint of the four services, generated: bodies of the wrong JSON
 * types, with control characters, unpaired surrogates, invalid UTF-8, huge strings, deep nesting,
 * duplicate keys; query parameters with NUL, invalid UTF-8 and overlong encodings; huge headers,
 * headers with control characters, empty or malformed {@code If-Match}, bad {@code Authorization}.
 * Whatever arrives, no service answers with a 5xx (but the documented 503), every refusal of the
 * APIs is a problem+json (the OAuth endpoints' RFC 6749 JSON errors at token-service), the web UI
 * answers with its own HTML page and never a stack trace or Tomcat's page, no answer grows with the
 * input, and nothing a refused request carried is stored. Afterwards every consumer still moves: a
 * fresh account and its edit reach the listing, the audit trail and the security entries, and its
 * secret gets a token.
 */
@PropertyDefaults(tries = 100, shrinking = ShrinkingMode.BOUNDED)
class HostileInputIT extends Hostile {

  /** Far below the smallest huge input: an answer this large echoes what it was sent. */
  private static final int BOUNDED_ANSWER = 64 * 1024;

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

  private static RunningSystem system;
  private static CompanyClient client;
  private static String account;
  private static Map<String, List<Long>> storedBefore;
  private static long listedBefore;

  private static UUID uiCompany;
  private static String uiAccount;
  private static String uiSession;

  /**
   * A web UI with a company's OpenID Connect provider registered, so that its OAuth endpoints
   * exist.
   */
  private static ServiceProcess oidcUi;

  @BeforeContainer
  static void aCompanyWithOneAccount() throws Exception {
    system = RunningSystem.shared();
    client = new CompanyClient(UUID.randomUUID());
    HttpResponse<String> created =
        client.command(
            system.commandService.baseUri(),
            "POST",
            client.accounts(),
            CompanyClient.newAccount("Target", "CUSTOM", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    account = JSON.readTree(created.body()).get("id").asText();
    awaitListed(client, account, 1);
    storedBefore = system.eventStore().versionsByAccount(client.company());
    listedBefore = listing().get("totalItems").asLong();

    uiCompany = UUID.randomUUID();
    CompanyClient uiClient = new CompanyClient(uiCompany);
    HttpResponse<String> uiCreated =
        uiClient.command(
            system.commandService.baseUri(),
            "POST",
            uiClient.accounts(),
            CompanyClient.newAccount("Target of the UI", "CUSTOM", null));
    uiAccount = JSON.readTree(uiCreated.body()).get("id").asText();
    awaitListed(uiClient, uiAccount, 1);
    uiSession = signIn();

    oidcUi = webUiWithAProvider();
    oidcUi.startAndAwaitHealthy(RunningSystem.START_TIMEOUT);
  }

  /**
   * The web UI with a provider registered by its endpoints (no discovery at start), all on a port
   * nobody listens on: the hostile requests end at the UI, and a code it exchanges finds no
   * provider.
   */
  private static ServiceProcess webUiWithAProvider() throws java.io.IOException {
    String nowhere = "http://127.0.0.1:" + portNobodyListensOn();
    String registration = "--spring.security.oauth2.client.registration.acme.";
    String provider = "--spring.security.oauth2.client.provider.acme.";
    ServiceProcess.Builder builder =
        ServiceProcess.builder("web-ui-hostile-oidc", Path.of(System.getProperty("web-ui.jar")))
            .port(Ports.anyFree())
            .jvmOption("-Xmx256m")
            .argument(
                "--service-accounts.ui.command-service-url=" + system.commandService.baseUri())
            .argument("--service-accounts.ui.query-service-url=" + system.queryService.baseUri())
            .argument(registration + "client-id=service-accounts-web-ui")
            .argument(registration + "client-secret=hostile-input-test")
            .argument(registration + "client-name=Acme")
            .argument(registration + "scope=openid,profile,email")
            .argument(registration + "authorization-grant-type=authorization_code")
            .argument(registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}")
            .argument(provider + "authorization-uri=" + nowhere + "/authorize")
            .argument(provider + "token-uri=" + nowhere + "/token")
            .argument(provider + "jwk-set-uri=" + nowhere + "/jwks")
            .argument(provider + "user-info-uri=" + nowhere + "/userinfo")
            .argument(provider + "user-name-attribute=sub");
    TestIdentityProviders.trust().forEach(builder::argument);
    return builder.build();
  }

  private static int portNobodyListensOn() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterContainer
  static void stopTheWebUiWithAProvider() {
    if (oidcUi != null) {
      oidcUi.stop(ServiceProcess.DEFAULT_STOP_TIMEOUT);
    }
  }

  // --- command-service ---------------------------------------------------------------------

  @Property(tries = 200)
  @Tag("command-service")
  @Label("command-service refuses hostile JSON bodies with a bounded problem and stores nothing")
  void commandServiceRefusesHostileBodies(
      @ForAll("commandBodies") Endpoint endpoint, @ForAll("contentTypes") String contentType)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.commandService.baseUri(),
            RawHttp.head(
                endpoint.method(),
                endpoint.path(),
                "Authorization: " + CompanyClient.alice(client.accounts()),
                "Content-Type: " + contentType),
            endpoint.body().bytes());
    assertRefusedWithProblem(answer);
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Label("command-service refuses an If-Match that names no version with a bounded problem")
  void commandServiceRefusesHostileIfMatch(
      @ForAll("commandPaths") String[] target, @ForAll("ifMatches") Piece ifMatch)
      throws Exception {
    assertRefusedWithProblem(
        changeRequest(target, CompanyClient.alice(client.accounts()), ifMatch.latin1()));
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Label("command-service refuses a bad Authorization with a bounded 400 or 401 problem")
  void commandServiceRefusesBadAuthorization(
      @ForAll("commandPaths") String[] target, @ForAll("authorizations") Piece authorization)
      throws Exception {
    Answer answer = changeRequest(target, authorization.latin1(), "\"1\"");
    assertRefusedWithProblem(answer);
    assertThat(answer.status()).as(answer.toString()).isIn(400, 401);
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Label("command-service's event stream answers hostile parameters with a bounded problem")
  void commandServiceEventStreamSurvivesHostileParameters(
      @ForAll("eventStreamParameters") String parameters, @ForAll("parameterValues") Piece value)
      throws Exception {
    String target = "/internal/events?" + parameters.replace("{value}", value.latin1());
    assertApiAnswer(
        RawHttp.exchange(
            system.commandService.baseUri(),
            RawHttp.head(
                "GET", target, "Authorization: " + TestServiceCredentials.queryServiceBasic()),
            null));
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Label("command-service's data-key lookup refuses hostile JSON bodies with a bounded problem")
  void commandServiceDataKeyLookupRefusesHostileBodies(
      @ForAll("dataKeyLookups") Piece body, @ForAll("contentTypes") String contentType)
      throws Exception {
    assertRefusedWithProblem(
        RawHttp.exchange(
            system.commandService.baseUri(),
            RawHttp.head(
                "POST",
                "/internal/data-keys/lookup",
                "Authorization: " + TestServiceCredentials.queryServiceBasic(),
                "Content-Type: " + contentType),
            body.bytes()));
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Label("command-service's internal API refuses a bad or a user's credential with a 4xx problem")
  void commandServiceInternalApiRefusesBadAuthorization(
      @ForAll("internalRequests") String[] request,
      @ForAll("internalAuthorizations") Piece authorization)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.commandService.baseUri(),
            RawHttp.head(
                request[0],
                request[1],
                "Authorization: " + authorization.latin1(),
                "Content-Type: application/json"),
            request[0].equals("POST")
                ? "{\"accountIds\":[]}".getBytes(StandardCharsets.UTF_8)
                : null);
    assertRefusedWithProblem(answer);
    assertThat(answer.status()).as(answer.toString()).isIn(400, 401, 403);
  }

  /** A rename (or, by DELETE, a deletion) of the account, with the given headers. */
  private static Answer changeRequest(String[] target, String authorization, String ifMatch)
      throws java.io.IOException {
    byte[] body = "{\"name\":\"Renamed\"}".getBytes(StandardCharsets.UTF_8);
    return RawHttp.exchange(
        system.commandService.baseUri(),
        RawHttp.head(
            target[0],
            target[1],
            "Authorization: " + authorization,
            "If-Match: " + ifMatch,
            "Content-Type: application/json"),
        target[0].equals("DELETE") ? null : body);
  }

  // --- query-service -----------------------------------------------------------------------

  @Property(tries = 200)
  @Tag("query-service")
  @Label("query-service answers hostile parameters without a 5xx, refusals as bounded problems")
  void queryServiceSurvivesHostileParameters(
      @ForAll("queryParameters") String parameter, @ForAll("parameterValues") Piece value)
      throws Exception {
    assertApiAnswer(query(parameter.replace("{value}", value.latin1()), "X-Hostile: 1"));
  }

  @Property(tries = 60)
  @Tag("query-service")
  @Label("query-service answers hostile headers without a 5xx, refusals as bounded problems")
  void queryServiceSurvivesHostileHeaders(
      @ForAll("queryParameters") String parameter, @ForAll("headerValues") Piece value)
      throws Exception {
    assertApiAnswer(query(parameter.replace("{value}", "1"), "X-Hostile: " + value.latin1()));
  }

  private static Answer query(String path, String header) throws java.io.IOException {
    return RawHttp.exchange(
        system.queryService.baseUri(),
        RawHttp.head(
            "GET", path, "Authorization: " + CompanyClient.alice(client.accounts()), header),
        null);
  }

  @Property(tries = 100)
  @Tag("query-service")
  @Label("query-service refuses a bad Authorization with a bounded 401 or 400 problem")
  void queryServiceRefusesBadAuthorization(
      @ForAll("queryParameters") String parameter, @ForAll("authorizations") Piece authorization)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.queryService.baseUri(),
            RawHttp.head(
                "GET",
                parameter.replace("{value}", "1"),
                "Authorization: " + authorization.latin1()),
            null);
    assertRefusedWithProblem(answer);
    assertThat(answer.status()).as(answer.toString()).isIn(400, 401);
  }

  @Property(tries = 60)
  @Tag("query-service")
  @Label(
      "query-service refuses a checkpoint asked for with a bad Authorization, a 400 or 401 problem")
  void queryServiceRefusesACheckpointWithBadAuthorization(
      @ForAll("authorizations") Piece authorization) throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.queryService.baseUri(),
            RawHttp.head(
                "POST",
                "/companies/" + client.company() + "/audit/checkpoints",
                "Authorization: " + authorization.latin1()),
            new byte[0]);
    assertRefusedWithProblem(answer);
    assertThat(answer.status()).as(answer.toString()).isIn(400, 401);
  }

  @Property(tries = 100)
  @Tag("command-service")
  @Tag("query-service")
  @Label("command and query-service answer a NUL, invalid UTF-8 or bad escape with a 400 problem")
  void resourceServersRefuseMalformedParameters(
      @ForAll("resourceServerGets") Api api, @ForAll("malformedParameterValues") Piece value)
      throws Exception {
    assertMalformedParameterRefused(api, value);
  }

  @Property(tries = 60)
  @Tag("token-service")
  @Label("token-service answers a NUL, invalid UTF-8 or bad escape with a 400 error")
  void tokenServiceRefusesMalformedParameters(
      @ForAll("tokenServiceApis") Api api, @ForAll("malformedParameterValues") Piece value)
      throws Exception {
    assertMalformedParameterRefused(api, value);
  }

  private static void assertMalformedParameterRefused(Api api, Piece value) throws Exception {
    String path = api.path().replace("{value}", value.latin1());
    Answer answer =
        RawHttp.exchange(api.service(), RawHttp.head("GET", path, api.authorization(path)), null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertJsonError(answer, api.oauth());
  }

  // --- token-service -----------------------------------------------------------------------

  @Property(tries = 200)
  @Tag("token-service")
  @Label("token-service refuses hostile forms and credentials with a bounded JSON error")
  void tokenServiceRefusesHostileForms(
      @ForAll("oauthEndpoints") String endpoint,
      @ForAll("oauthForms") Piece form,
      @ForAll("clientAuthorizations") Piece authorization)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.tokenService.baseUri(),
            authorization == null
                ? RawHttp.head("POST", endpoint, FORM)
                : RawHttp.head("POST", endpoint, "Authorization: " + authorization.latin1(), FORM),
            form.bytes());
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertJsonError(answer, true);
  }

  @Property(tries = 150)
  @Tag("token-service")
  @Label("token-service's other endpoints answer hostile requests without a 5xx or HTML")
  void tokenServiceSurvivesHostileRequests(
      @ForAll("tokenServiceGets") String path,
      @ForAll("parameterValues") Piece value,
      @ForAll("junkHeaders") Piece junk)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.tokenService.baseUri(),
            RawHttp.head(
                "GET", path.replace("{value}", value.latin1()), "X-Hostile: " + junk.latin1()),
            null);
    assertThat(answer.status()).as(answer.toString()).isLessThan(500);
    assertBounded(answer);
    if (answer.status() >= 400) {
      assertJsonError(answer, path.startsWith("/oauth2"));
    }
  }

  @Example
  @Tag("token-service")
  @Label("token-service answers a request line Tomcat refuses with a problem, not Tomcat's page")
  void tokenServiceAnswersAMalformedRequestLineWithAProblem() throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.tokenService.baseUri(), RawHttp.head("GET", "/oauth2/jwks?a\u0001b"), null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertJsonError(answer, false);
  }

  @Example
  @Tag("token-service")
  @Label("token-service answers a direct request for its error page with a 404 problem")
  void tokenServiceHasNoErrorPageToRequest() throws Exception {
    Answer answer =
        RawHttp.exchange(system.tokenService.baseUri(), RawHttp.head("GET", "/error"), null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    assertJsonError(answer, false);
  }

  @Example
  @Tag("token-service")
  @Label("token-service refuses a form larger than its limit, unread")
  void tokenServiceRefusesAnOversizedForm() throws Exception {
    byte[] form =
        ("grant_type=client_credentials&scope=" + "s".repeat(64 * 1024))
            .getBytes(StandardCharsets.UTF_8);
    Answer answer =
        RawHttp.exchange(
            system.tokenService.baseUri(),
            RawHttp.head(
                "POST",
                "/oauth2/token",
                "Authorization: " + TestServiceCredentials.basic("sa_unknown", "secret"),
                FORM),
            form);
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertJsonError(answer, true);
  }

  @Example
  @Tag("web-ui")
  @Label("the web UI answers a request line Tomcat refuses with its own page")
  void webUiAnswersAMalformedRequestLineWithItsPage() throws Exception {
    Answer answer =
        RawHttp.exchange(system.webUi.baseUri(), RawHttp.head("GET", "/sign-in?a\u0001b"), null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertUiPage(answer);
    // The page comes from the UI's layout, as every other page does.
    assertThat(answer.text())
        .as(answer.toString())
        .contains("<html lang=\"en\">")
        .contains("<title>Something went wrong · Service Accounts</title>")
        .contains("<link rel=\"stylesheet\" href=\"/css/app.css\">")
        .contains("<meta name=\"htmx-config\"")
        .contains("Back to Service Accounts");
  }

  // --- web-ui ------------------------------------------------------------------------------

  @Property(tries = 150)
  @Tag("web-ui")
  @Label("the web UI answers hostile forms and parameters with its own page, never a 5xx or trace")
  void webUiSurvivesHostileFormsAndParameters(
      @ForAll("uiRequests") UiRequest request, @ForAll("formValues") Piece value) throws Exception {
    // The sign-in form starts a session of its own: signing in again replaces the signed-in one.
    boolean signIn = request.path().startsWith("/sign-in") && request.form() != null;
    String session = signIn ? anonymousSession() : uiSession;
    String csrf =
        request.withCsrf() ? "_csrf=" + (signIn ? csrfOf(signInForm(session)) : csrf()) + "&" : "";
    byte[] body =
        request.form() == null
            ? null
            : concat(
                (csrf + request.form().replace("{value}", "")).getBytes(StandardCharsets.UTF_8),
                request.form().contains("{value}") ? value.bytes() : new byte[0]);
    String target = request.path().replace("{value}", request.form() == null ? value.latin1() : "");
    Answer answer =
        RawHttp.exchange(
            system.webUi.baseUri(),
            body == null
                ? RawHttp.head("GET", target, "Cookie: " + session, "Accept: text/html")
                : RawHttp.head("POST", target, "Cookie: " + session, "Accept: text/html", FORM),
            body);
    assertUiPage(answer);
  }

  @Property(tries = 60)
  @Tag("web-ui")
  @Label("the web UI answers hostile headers and request lines with its own page")
  void webUiSurvivesHostileHeaders(
      @ForAll("uiPages") String path, @ForAll("headerValues") Piece value) throws Exception {
    Answer answer =
        RawHttp.exchange(
            system.webUi.baseUri(),
            RawHttp.head(
                "GET",
                path,
                "Cookie: " + uiSession,
                "Accept: text/html",
                "X-Hostile: " + value.latin1()),
            null);
    assertUiPage(answer);
  }

  @Property(tries = 100)
  @Tag("web-ui")
  @Label("the web UI's OAuth sign-in endpoints answer hostile requests with a redirect or its page")
  void webUiOAuthEndpointsSurviveHostileRequests(
      @ForAll("oauthUiPaths") String path, @ForAll("parameterValues") Piece value)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            oidcUi.baseUri(),
            RawHttp.head("GET", path.replace("{value}", value.latin1()), "Accept: text/html"),
            null);
    assertUiPage(answer);
  }

  @Property(tries = 40)
  @Tag("web-ui")
  @Label("the web UI answers a provider's callback with its real state and a hostile code")
  void webUiAnswersACallbackWithAHostileCode(@ForAll("parameterValues") Piece code)
      throws Exception {
    Answer started =
        RawHttp.exchange(oidcUi.baseUri(), RawHttp.head("GET", "/oauth2/authorization/acme"), null);
    assertThat(started.status()).as(started.toString()).isEqualTo(302);
    Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(started.headers().get("location"));
    assertThat(state.find()).as(started.toString()).isTrue();

    Answer answer =
        RawHttp.exchange(
            oidcUi.baseUri(),
            RawHttp.head(
                "GET",
                "/login/oauth2/code/acme?code=" + code.latin1() + "&state=" + state.group(1),
                "Cookie: " + cookie(started, "SIGN-IN-REQUEST"),
                "Accept: text/html"),
            null);
    assertUiPage(answer);
  }

  @Property(tries = 60)
  @Tag("web-ui")
  @Label(
      "the web UI's sign-out refuses a hostile form with its own page, with or without a provider")
  void webUiSignOutSurvivesHostileForms(
      @ForAll boolean withAProvider, @ForAll("formValues") Piece value) throws Exception {
    URI ui = withAProvider ? oidcUi.baseUri() : system.webUi.baseUri();
    // Cookies of its own: a sign-in started with the provider, or the sign-in form's.
    String cookie =
        withAProvider
            ? cookie(
                RawHttp.exchange(ui, RawHttp.head("GET", "/oauth2/authorization/acme"), null),
                "SIGN-IN-REQUEST")
            : anonymousSession();
    Answer answer =
        RawHttp.exchange(
            ui,
            RawHttp.head("POST", "/sign-out", "Cookie: " + cookie, "Accept: text/html", FORM),
            concat("_csrf=".getBytes(StandardCharsets.UTF_8), value.bytes()));
    assertUiPage(answer);
  }

  /**
   * A form on any method (a bad percent-escape, a field without {@code =}: Spring's form filter
   * read them on PUT, PATCH and DELETE) and any {@code Accept} (an empty element: the actuator's
   * parser failed on it), on any path of every service, its health probes included.
   */
  @Property(tries = 300)
  @Label("every service answers a form on any method, and any Accept, without a 5xx")
  void everyServiceAnswersAFormOnAnyMethodAndAnyAcceptWithoutA5xx(
      @ForAll("everyService") URI service,
      @ForAll("anyPath") String path,
      @ForAll("methods") String method,
      @ForAll("strangeForms") Piece form,
      @ForAll("acceptLists") String accept)
      throws Exception {
    Answer answer =
        RawHttp.exchange(
            service, RawHttp.head(method, path, FORM, "Accept: " + accept), form.bytes());
    assertThat(answer.status())
        .as("%s %s%s, Accept: %s, %s: %s", method, service, path, accept, form, answer)
        .isNotEqualTo(500)
        .isLessThan(503);
    if (answer.status() >= 400) {
      // A refusal; an answer (the metrics Prometheus scrapes, say) is as long as it is.
      assertBounded(answer);
    }
  }

  @Provide
  Arbitrary<URI> everyService() {
    return Arbitraries.of(
        system.commandService.baseUri(),
        system.queryService.baseUri(),
        system.tokenService.baseUri(),
        system.webUi.baseUri());
  }

  @Provide
  Arbitrary<String> anyPath() {
    return Arbitraries.of(
        "/actuator/health",
        "/actuator/health/liveness",
        "/actuator/prometheus",
        "/x",
        "/",
        client.accounts(),
        "/oauth2/token",
        "/oauth2/introspect");
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE");
  }

  @Provide
  Arbitrary<Piece> strangeForms() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Piece.of("a bad escape", "a=%zz"),
            Piece.of("a lone percent sign", "a=%"),
            Piece.of("a name that is a bad escape", "%zz"),
            Piece.of("a field without =", "a"),
            Piece.of("fields without =", "a&b&c=1"),
            Piece.of("an empty form", "")),
        formValues()
            .map(
                value ->
                    new Piece(
                        "a=" + value.description(),
                        concat("a=".getBytes(StandardCharsets.UTF_8), value.bytes()))));
  }

  /** Media types and empty elements, joined by commas. */
  @Provide
  Arbitrary<String> acceptLists() {
    return Arbitraries.oneOf(
        // Whole headers: empty (the metrics endpoint failed on it), a charset no answer is in.
        Arbitraries.of(
            "",
            " ",
            "application/json; charset=utf-16",
            "application/json;charset=UTF-32",
            "*/*;charset=utf-16"),
        Arbitraries.of(
                "",
                " ",
                "*/*",
                "application/json",
                "text/html",
                "application/problem+json;q=0.5",
                "a",
                ";q=1",
                "text/plain;q=0",
                "application/json;x=\"a,b\"",
                "text/plain;charset=utf-16")
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(elements -> String.join(",", elements)));
  }

  // --- afterwards: nothing stored, every consumer moving --------------------------------------

  @AfterContainer
  static void everyConsumerKeepsMovingAndNothingWasStored() throws Exception {
    String canary = everyConsumerKeepsMoving();
    Map<String, List<Long>> stored =
        new java.util.TreeMap<>(system.eventStore().versionsByAccount(client.company()));
    stored.remove(canary);
    assertThat(stored)
        .as("events of the company after the hostile requests")
        .isEqualTo(storedBefore);
    assertThat(listing().get("totalItems").asLong()).isEqualTo(listedBefore + 1);
  }

  /**
   * A fresh account, edited, deactivated and refused a second deactivation, shows in the listing,
   * the audit trail and the security entries; its secret gets a token. Its id.
   */
  private static String everyConsumerKeepsMoving() throws Exception {
    URI commands = system.commandService.baseUri();
    HttpResponse<String> created =
        client.command(
            commands,
            "POST",
            client.accounts(),
            CompanyClient.newAccount("Canary", "CUSTOM", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode canary = JSON.readTree(created.body());
    String id = canary.get("id").asText();
    HttpResponse<String> edited =
        client.command(
            commands, "PATCH", client.accounts() + "/" + id, Map.of("name", "Canary, edited"));
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    // A refused edit, so that the security entries have something of the canary's to carry.
    HttpResponse<String> stale =
        client.send(
            commands.resolve(client.accounts() + "/" + id + "/deactivation"),
            "POST",
            CompanyClient.alice(client.accounts()),
            null);
    assertThat(stale.statusCode()).isEqualTo(200);
    HttpResponse<String> again =
        client.send(
            commands.resolve(client.accounts() + "/" + id + "/deactivation"),
            "POST",
            CompanyClient.alice(client.accounts()),
            null);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

    assertThat(awaitListed(client, id, 3).get("name").asText()).isEqualTo("Canary, edited");
    assertThat(query(client.accounts() + "/" + id + "/audit").get("items")).hasSize(3);
    await()
        .atMost(ServiceAccountSystemIT.VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                query("/companies/" + client.company() + "/audit/security-entries?accountId=" + id)
                    .get("items"),
            items -> items.size() == 1 && items.get(0).get("status").asInt() == 409);

    HttpResponse<String> reactivated =
        client.send(
            commands.resolve(client.accounts() + "/" + id + "/reactivation"),
            "POST",
            CompanyClient.alice(client.accounts()),
            null);
    assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
    String basic =
        TestServiceCredentials.basic(
            canary.get("clientId").asText(), canary.get("clientSecret").asText());
    await()
        .atMost(ServiceAccountSystemIT.VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                RawHttp.exchange(
                    system.tokenService.baseUri(),
                    RawHttp.head("POST", "/oauth2/token", "Authorization: " + basic, FORM),
                    "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8)),
            answer -> answer.status() == 200 && answer.text().contains("access_token"));
    return id;
  }

  // --- invariants --------------------------------------------------------------------------

  /** A refusal (4xx), as problem+json, bounded. */
  private static void assertRefusedWithProblem(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertJsonError(answer, false);
  }

  /** Anything but a 5xx other than the documented 503; a refusal is a problem+json. */
  private static void assertApiAnswer(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isNotEqualTo(500).isLessThan(503);
    assertBounded(answer);
    if (answer.status() >= 400) {
      assertJsonError(answer, false);
    }
  }

  /**
   * An error as JSON, bounded: problem+json, or on the OAuth endpoints ({@code oauth}) also RFC
   * 6749's {@code {"error": ...}} as application/json.
   */
  private static void assertJsonError(Answer answer, boolean oauth) {
    assertBounded(answer);
    String type = answer.contentType();
    if (oauth && type.startsWith("application/json")) {
      assertThat(answer.text()).as(answer.toString()).contains("\"error\"");
      return;
    }
    if (oauth && answer.body().length == 0) {
      // RFC 6750/7009: a refused client may get a status and WWW-Authenticate alone.
      assertThat(answer.status()).as(answer.toString()).isIn(400, 401, 403);
      return;
    }
    assertThat(type).as(answer.toString()).startsWith("application/problem+json");
    try {
      JsonNode problem = JSON.readTree(answer.body());
      assertThat(problem.get("status").asInt()).as(answer.toString()).isEqualTo(answer.status());
      assertThat(problem.path("title").asText()).as(answer.toString()).isNotBlank();
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + answer, e);
    }
  }

  private static void assertBounded(Answer answer) {
    assertThat(answer.truncated()).as(answer.toString()).isFalse();
    assertThat(answer.body().length).as(answer.toString()).isLessThan(BOUNDED_ANSWER);
  }

  /** The web UI's own HTML page: no 5xx but 503, no trace, not Tomcat's page, bounded. */
  private static void assertUiPage(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isNotEqualTo(500).isLessThan(503);
    assertBounded(answer);
    String page = answer.text();
    assertThat(page)
        .as(answer.toString())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("Apache Tomcat")
        .doesNotContain("HTTP Status ")
        .doesNotContain("Whitelabel");
    if (answer.status() >= 400) {
      assertThat(answer.contentType()).as(answer.toString()).startsWith("text/html");
      assertThat(page).as(answer.toString()).contains("<html");
    }
  }

  // --- what is sent ------------------------------------------------------------------------

  /** A request to command-service with a body. */
  record Endpoint(String method, String path, Piece body) {
    @Override
    public String toString() {
      return method + " " + path + " with " + body;
    }
  }

  @Provide
  Arbitrary<Endpoint> commandBodies() {
    String accounts = client.accounts();
    String one = accounts + "/" + account;
    Arbitrary<Piece> values = jsonValues();
    return Arbitraries.oneOf(
        Arbitraries.oneOf(
                injected(values, "name", "appType", "contactEmail", "marketplaceAppId"), bodies())
            .map(body -> new Endpoint("POST", accounts, body)),
        Arbitraries.oneOf(injected(values, "name", "appType", "marketplaceAppId"), bodies())
            .map(body -> new Endpoint("PATCH", one, body)),
        Arbitraries.oneOf(injected(values, "admin", "directory"), bodies())
            .map(body -> new Endpoint("PATCH", one + "/permissions", body)),
        // Without a body (or with null) a rotation is valid: the defaults apply.
        Arbitraries.oneOf(
                injected(values, "previousSecretValidFor"),
                bodies()
                    .filter(body -> body.bytes().length > 0 && !body.description().equals("null")))
            .map(body -> new Endpoint("POST", one + "/secret-rotations", body)));
  }

  /** A valid body of the endpoint's fields, one of them replaced by a hostile value. */
  private static Arbitrary<Piece> injected(Arbitrary<Piece> values, String... fields) {
    return Arbitraries.of(fields)
        .flatMap(
            hostileField ->
                values.map(
                    value -> {
                      ByteArrayOutputStream body = new ByteArrayOutputStream();
                      body.writeBytes("{".getBytes(StandardCharsets.UTF_8));
                      for (String field : fields) {
                        body.writeBytes(("\"" + field + "\":").getBytes(StandardCharsets.UTF_8));
                        body.writeBytes(
                            field.equals(hostileField)
                                ? value.bytes()
                                : validValue(field).getBytes(StandardCharsets.UTF_8));
                        body.writeBytes(",".getBytes(StandardCharsets.UTF_8));
                      }
                      body.writeBytes("\"_\":1}".getBytes(StandardCharsets.UTF_8));
                      byte[] bytes = body.toByteArray();
                      // The trailing "_" is unknown to every endpoint; without it, a body whose
                      // hostile value happens to be accepted could still be valid.
                      return new Piece(hostileField + " is " + value.description(), bytes);
                    }));
  }

  private static String validValue(String field) {
    return switch (field) {
      case "name" -> "\"Hostile\"";
      case "appType" -> "\"CUSTOM\"";
      case "contactEmail" -> "\"" + UUID.randomUUID() + "@acme.example\"";
      case "marketplaceAppId" -> "null";
      case "admin", "directory" -> "\"READ_ONLY\"";
      case "previousSecretValidFor" -> "\"PT1H\"";
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** Whole bodies that are no valid request whatever the endpoint. */
  private static Arbitrary<Piece> bodies() {
    return Arbitraries.of(
        Piece.of("an empty body", ""),
        Piece.of(
            "a duplicate key", "{\"name\":\"Hostile\",\"name\":\"Twice\",\"appType\":\"CUSTOM\"}"),
        Piece.of("a top-level array", "[{\"name\":\"Hostile\"}]"),
        Piece.of("a top-level string", "\"Hostile\""),
        Piece.of("a top-level number", "42"),
        Piece.of("null", "null"),
        Piece.of("trailing garbage", "{\"name\":\"Hostile\"} x"),
        Piece.of("two documents", "{\"name\":\"Hostile\"}{\"name\":\"Again\"}"),
        Piece.of("a truncated document", "{\"name\":\"Hostile\""),
        Piece.of("an unknown field only", "{\"_\":1}"),
        Piece.raw("a raw 0xFF byte", 0x7b, 0xff, 0x7d));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.of(
                "application/json; charset=utf-16",
                "application/json; charset=bogus",
                "application/merge-patch+json",
                "text/plain",
                "application/x-www-form-urlencoded",
                "")));
  }

  @Provide
  Arbitrary<String[]> commandPaths() {
    String one = client.accounts() + "/" + account;
    return Arbitraries.of(
        new String[] {"PATCH", one},
        new String[] {"PATCH", one + "/permissions"},
        new String[] {"POST", one + "/secret-rotations"},
        new String[] {"POST", one + "/deactivation"},
        new String[] {"POST", one + "/restoration"},
        new String[] {"DELETE", one});
  }

  @Provide
  Arbitrary<String> queryParameters() {
    String accounts = client.accounts();
    String one = accounts + "/" + account;
    String company = "/companies/" + client.company();
    return Arbitraries.of(
        accounts + "?page={value}",
        accounts + "?size={value}",
        accounts + "?status={value}",
        accounts + "?sort={value}",
        accounts + "?q={value}",
        one + "?minVersion={value}",
        one + "?asOf={value}",
        one + "/audit?limit={value}&cursor={value}",
        one + "/audit?minVersion={value}&type={value}",
        company + "/audit?actor={value}&from={value}",
        company + "/audit?to={value}&count={value}&accountId={value}",
        company + "/audit/verify?from={value}",
        company + "/audit/export?format={value}&to={value}",
        accounts + "/stats?from={value}",
        company + "/audit/security-entries?before={value}&limit={value}",
        company + "/audit/security-entries?accountId={value}&from={value}",
        company + "/audit/security-entries/verify?x={value}",
        company + "/audit/checkpoints?x={value}",
        company + "/audit/checkpoints/latest?x={value}",
        company + "/audit/checkpoint-keys?x={value}",
        company + "/audit/bundle?x={value}",
        "/companies/{value}/audit/checkpoints/latest",
        "/companies/{value}/audit/bundle",
        accounts + "/{value}",
        "/companies/{value}/service-accounts");
  }

  @Provide
  Arbitrary<String> eventStreamParameters() {
    // A small limit beside a value that happens to be valid keeps the page answered small: the
    // stream of a system that ran every other test holds thousands of events.
    return Arbitraries.of(
        "after={value}&limit=5", "after=9223372036854775806&limit={value}", "limit=5&{value}=1");
  }

  /** Bodies of the data-key lookup: no lookup at all, or account ids that are no account ids. */
  @Provide
  Arbitrary<Piece> dataKeyLookups() {
    Arbitrary<Piece> values = jsonValues();
    return Arbitraries.oneOf(
        bodies(),
        values.map(
            value ->
                new Piece(
                    "accountIds is " + value.description(),
                    concat(
                        concat("{\"accountIds\":".getBytes(StandardCharsets.UTF_8), value.bytes()),
                        "}".getBytes(StandardCharsets.UTF_8)))),
        values.map(
            value ->
                new Piece(
                    "accountIds holds " + value.description(),
                    concat(
                        concat(
                            ("{\"accountIds\":[\"" + UUID.randomUUID() + "\",")
                                .getBytes(StandardCharsets.UTF_8),
                            value.bytes()),
                        "]}".getBytes(StandardCharsets.UTF_8)))),
        Arbitraries.just(
            Piece.of(
                "too many account ids",
                "{\"accountIds\":["
                    + String.join(
                        ",", java.util.Collections.nCopies(5_000, "\"" + UUID.randomUUID() + "\""))
                    + "]}")),
        Arbitraries.just(Piece.of("a null account id", "{\"accountIds\":[null]}")));
  }

  @Provide
  Arbitrary<String[]> internalRequests() {
    return Arbitraries.of(
        new String[] {"GET", "/internal/events?after=0&limit=5"},
        new String[] {"POST", "/internal/data-keys/lookup"});
  }

  /** Credentials the internal API must refuse: none that authenticate a service. */
  @Provide
  Arbitrary<Piece> internalAuthorizations() {
    return Arbitraries.oneOf(
        authorizations(),
        Arbitraries.of(
            Piece.of("a user's bearer token", CompanyClient.alice(client.accounts())),
            Piece.of(
                "the service's name with a wrong secret",
                TestServiceCredentials.basic(TestServiceCredentials.QUERY_SERVICE, "wrong"))));
  }

  @Provide
  Arbitrary<String> oauthUiPaths() {
    return Arbitraries.of(
        "/oauth2/authorization/acme?x={value}",
        "/oauth2/authorization/{value}",
        "/login/oauth2/code/acme?code={value}&state={value}",
        "/login/oauth2/code/acme?error={value}&state={value}",
        "/login/oauth2/code/{value}?code=c&state=s",
        "/sign-out?x={value}");
  }

  /** A harmless header most of the time, a hostile one sometimes. */
  @Provide
  Arbitrary<Piece> junkHeaders() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(Piece.of("harmless", "1"))),
        net.jqwik.api.Tuple.of(1, headerValues()));
  }

  /** A GET of one of the APIs, with a parameter its endpoint reads. */
  record Api(URI service, String path, boolean oauth, boolean bearer) {
    String authorization(String path) {
      return bearer ? "Authorization: " + CompanyClient.alice(client.accounts()) : "Accept: */*";
    }

    @Override
    public String toString() {
      return service + path;
    }
  }

  @Provide
  Arbitrary<Api> resourceServerGets() {
    URI commands = system.commandService.baseUri();
    URI queries = system.queryService.baseUri();
    String accounts = client.accounts();
    return Arbitraries.of(
        new Api(queries, accounts + "?status={value}", false, true),
        new Api(queries, accounts + "?q={value}", false, true),
        new Api(queries, "/companies/" + client.company() + "/audit?actor={value}", false, true),
        new Api(queries, accounts + "/" + account + "/audit?cursor={value}", false, true),
        new Api(commands, "/marketplace-apps?q={value}", false, true));
  }

  @Provide
  Arbitrary<Api> tokenServiceApis() {
    URI tokens = system.tokenService.baseUri();
    return Arbitraries.of(
        new Api(tokens, "/oauth2/token?grant_type={value}", true, false),
        new Api(tokens, "/oauth2/jwks?x={value}", true, false),
        new Api(tokens, "/.well-known/oauth-authorization-server?x={value}", true, false),
        new Api(tokens, "/actuator/health?x={value}", false, false),
        new Api(tokens, "/v3/api-docs?x={value}", false, false));
  }

  @Provide
  Arbitrary<String> oauthEndpoints() {
    return Arbitraries.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");
  }

  /** A form of the OAuth endpoints with one field hostile, or a whole body that is no form. */
  @Provide
  Arbitrary<Piece> oauthForms() {
    Arbitrary<Piece> fields =
        Arbitraries.of("grant_type", "client_id", "client_secret", "scope", "token")
            .flatMap(
                field ->
                    formValues()
                        .map(
                            value -> {
                              ByteArrayOutputStream form = new ByteArrayOutputStream();
                              for (String other :
                                  List.of(
                                      "grant_type",
                                      "client_id",
                                      "client_secret",
                                      "scope",
                                      "token")) {
                                form.writeBytes((other + "=").getBytes(StandardCharsets.UTF_8));
                                form.writeBytes(
                                    other.equals(field)
                                        ? value.bytes()
                                        : (other.equals("grant_type")
                                                ? "client_credentials"
                                                : "sa_unknown")
                                            .getBytes(StandardCharsets.UTF_8));
                                form.writeBytes("&".getBytes(StandardCharsets.UTF_8));
                              }
                              return new Piece(
                                  field + " is " + value.description(), form.toByteArray());
                            }));
    return Arbitraries.oneOf(
        fields,
        Arbitraries.of(
            Piece.of("an empty form", ""),
            Piece.of("grant_type twice", "grant_type=client_credentials&grant_type=password"),
            Piece.of("JSON instead of a form", "{\"grant_type\":\"client_credentials\"}"),
            Piece.of("a name without a value", "grant_type&client_id"),
            Piece.raw("raw 0xFF bytes", 0x67, 0x3d, 0xff, 0xfe)));
  }

  /** Client credentials that authenticate no one, or none. */
  @Provide
  Arbitrary<Piece> clientAuthorizations() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        authorizations(),
        Arbitraries.just(
            Piece.of(
                "Basic of an unknown client",
                TestServiceCredentials.basic("sa_unknown", "secret"))),
        Combinators.combine(basicParts(), basicParts())
            .as(
                (id, secret) -> {
                  byte[] pair = new byte[id.bytes().length + 1 + secret.bytes().length];
                  System.arraycopy(id.bytes(), 0, pair, 0, id.bytes().length);
                  pair[id.bytes().length] = ':';
                  System.arraycopy(
                      secret.bytes(), 0, pair, id.bytes().length + 1, secret.bytes().length);
                  return Piece.of(
                      "Basic of " + id + ":" + secret,
                      "Basic " + Base64.getEncoder().encodeToString(pair));
                }));
  }

  /**
   * A client id or secret as client_secret_basic carries it: form-encoded (RFC 6749 §2.3.1), so
   * {@code +} and {@code %20} are blanks once decoded.
   */
  private Arbitrary<Piece> basicParts() {
    return Arbitraries.oneOf(
        Arbitraries.of("+", "+++", "%20", "%09", "%0A", "%00", "%2B", "%", "%zz", "", " ", "a%00b")
            .map(part -> Piece.of("'" + part + "'", part)),
        parameterValues());
  }

  @Provide
  Arbitrary<String> tokenServiceGets() {
    return Arbitraries.of(
        "/oauth2/jwks?x={value}",
        "/.well-known/oauth-authorization-server?x={value}",
        "/oauth2/token?grant_type={value}",
        "/actuator/health?x={value}",
        "/v3/api-docs?x={value}",
        "/error?x={value}",
        "/{value}",
        "/oauth2/{value}");
  }

  /** A request to the web UI: a page with a hostile parameter, or a form with a hostile field. */
  record UiRequest(String path, String form, boolean withCsrf) {
    @Override
    public String toString() {
      return (form == null ? "GET " : "POST ")
          + path
          + (form == null ? "" : " " + form)
          + (withCsrf ? "" : " without CSRF token");
    }
  }

  @Provide
  Arbitrary<UiRequest> uiRequests() {
    String accounts = "/companies/" + uiCompany + "/service-accounts";
    String one = accounts + "/" + uiAccount;
    Arbitrary<UiRequest> pages =
        Arbitraries.of(
                accounts + "?status={value}",
                accounts + "?page={value}&size={value}",
                accounts + "?q={value}",
                accounts + "/new?appType={value}",
                one + "?x={value}",
                one + "/history?cursor={value}",
                one + "/edit?version={value}",
                "/companies/" + uiCompany + "/activity?from={value}",
                "/sign-in?error={value}",
                accounts + "/{value}",
                "/companies/{value}/service-accounts")
            .map(path -> new UiRequest(path, null, true));
    Arbitrary<UiRequest> forms =
        Arbitraries.of(
                new UiRequest(
                    accounts,
                    "name=Hostile&appType=CUSTOM&contactEmail=x%40acme.example&requestKey={value}",
                    true),
                new UiRequest(
                    accounts, "appType=CUSTOM&contactEmail=a%40b.example&name={value}", true),
                new UiRequest(accounts, "name=H&contactEmail=a%40b.example&appType={value}", true),
                new UiRequest(accounts, "name=H&appType=CUSTOM&contactEmail={value}", true),
                new UiRequest(one + "/edit", "name=H&appType=CUSTOM&version={value}", true),
                new UiRequest(one + "/edit", "appType=CUSTOM&version=1&name={value}", true),
                new UiRequest(one + "/permissions", "version=1&admin={value}", true),
                new UiRequest(one + "/rotate", "previousSecretValidFor={value}", true),
                new UiRequest(one + "/delete", "version={value}", true),
                new UiRequest(one + "/deactivate", "version={value}", true),
                new UiRequest(one + "/edit", "name={value}", false),
                new UiRequest("/sign-in", "email=a%40b.example&companyId={value}", true),
                new UiRequest("/sign-in", "companyId=" + uiCompany + "&email={value}", true),
                new UiRequest(
                    "/sign-in",
                    "email=a%40b.example&companyId=" + uiCompany + "&adminLevel={value}",
                    true))
            .map(request -> request);
    return Arbitraries.oneOf(pages, forms);
  }

  @Provide
  Arbitrary<String> uiPages() {
    String accounts = "/companies/" + uiCompany + "/service-accounts";
    return Arbitraries.of(
        "/", accounts, accounts + "/new", accounts + "/" + uiAccount, "/sign-in", "/nowhere");
  }

  // --- helpers -----------------------------------------------------------------------------

  private static JsonNode listing() throws Exception {
    return query(client.accounts() + "?status=ACTIVE,DEACTIVATED,DELETED&size=200");
  }

  private static JsonNode query(String path) throws Exception {
    return client.query(system.queryService.baseUri(), path);
  }

  private static JsonNode awaitListed(CompanyClient owner, String id, long version) {
    return await()
        .atMost(ServiceAccountSystemIT.VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              HttpResponse<String> response =
                  owner.rawQuery(system.queryService.baseUri(), owner.accounts() + "/" + id);
              return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            },
            found -> found != null && found.get("version").asLong() >= version);
  }

  /** Signs in to the web UI as an admin of its company; the session's cookie. */
  private static String signIn() throws Exception {
    Answer form = RawHttp.exchange(system.webUi.baseUri(), RawHttp.head("GET", "/sign-in"), null);
    String body =
        "_csrf="
            + csrfOf(form)
            + "&email=alice%40acme.example&companyId="
            + uiCompany
            + "&adminLevel=ADMIN&directoryLevel=ADMIN";
    Answer signedIn =
        RawHttp.exchange(
            system.webUi.baseUri(),
            RawHttp.head("POST", "/sign-in", "Cookie: " + cookie(form, "SIGN-IN-CSRF"), FORM),
            body.getBytes(StandardCharsets.UTF_8));
    assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
    return cookie(signedIn, "JSESSIONID");
  }

  /** The cookie the sign-in form gives a browser without a session: its CSRF token's. */
  private static String anonymousSession() throws Exception {
    return cookie(
        RawHttp.exchange(system.webUi.baseUri(), RawHttp.head("GET", "/sign-in"), null),
        "SIGN-IN-CSRF");
  }

  private static Answer signInForm(String cookie) throws Exception {
    return RawHttp.exchange(
        system.webUi.baseUri(), RawHttp.head("GET", "/sign-in", "Cookie: " + cookie), null);
  }

  /** A CSRF token of the signed-in session, from its New form. */
  private static String csrf() throws Exception {
    Answer page =
        RawHttp.exchange(
            system.webUi.baseUri(),
            RawHttp.head(
                "GET", "/companies/" + uiCompany + "/service-accounts/new", "Cookie: " + uiSession),
            null);
    return csrfOf(page);
  }

  private static String csrfOf(Answer page) {
    Matcher token = CSRF.matcher(page.text());
    assertThat(token.find()).as(page.toString()).isTrue();
    return java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
  }

  /** {@code name=value} of the cookie {@code name} the answer sets. */
  private static String cookie(Answer answer, String name) {
    Matcher cookie =
        Pattern.compile("(?:^|, )(" + Pattern.quote(name) + "=[^;]*)")
            .matcher(answer.headers().getOrDefault("set-cookie", ""));
    assertThat(cookie.find()).as(answer.toString()).isTrue();
    return cookie.group(1);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
