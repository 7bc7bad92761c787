package com.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.HostileInput;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated hostile requests to every endpoint of command-service over real HTTP (wrong types, huge
 * and control-character strings, unpaired surrogates, deep nesting, duplicate and unknown keys,
 * numbers for enums and durations, malformed and oversized bodies, hostile query parameters,
 * headers, ids and tokens). Each one carries at least one defect, so each must be refused: a 4xx
 * {@code application/problem+json} of bounded size whose texts are escaped, no event stored, and
 * every refusal DeniedAttemptRecorder records (401, 403, 404, 409, 412, 422) recorded once, as an
 * entry storable downstream (no control character, no unpaired surrogate, bounded length).
 */
class HostileRequestPropertiesIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int TRIES = 250;

  /**
   * The refusals DeniedAttemptRecorder records, each as one security entry (the tokens here are of
   * the company the path names).
   */
  static final Set<Integer> RECORDED = Set.of(403, 404, 409, 412, 422);

  /** Longer than the body limit (64 KiB). */
  static final int OVERSIZED = 70 * 1024;

  static ConfigurableApplicationContext service;
  static JdbcClient jdbc;
  static String base;
  static UUID company;
  static UUID account;
  static UUID otherCompanyAccount;
  static String admin;

  /** An admin of another company: not one of the company's callers, so never recorded. */
  static final String STRANGER = TestTokens.companyAdmin(UUID.randomUUID());

  static long version;

  @BeforeContainer
  static void start() throws Exception {
    List<String> arguments =
        new ArrayList<>(TestInfrastructure.get().springArguments("command_service_properties"));
    arguments.add("--server.port=0");
    arguments.add("--service-accounts.events.topic=properties-it-events");
    arguments.add("--service-accounts.security-entries.topic=properties-it-security");
    // Axon logs every refused command with its stack trace; they say nothing new here.
    arguments.add("--logging.level.org.axonframework.modelling.command.AbstractRepository=ERROR");
    service =
        new SpringApplicationBuilder(CommandServiceApplication.class)
            .run(arguments.toArray(String[]::new));
    base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
    jdbc = service.getBean(JdbcClient.class);
    // Every entry the outbox ever takes, kept after the relay removes it: what the properties
    // check.
    jdbc.sql(
            """
            CREATE TABLE IF NOT EXISTS recorded_security_entries (id BIGSERIAL PRIMARY KEY, entry TEXT);
            CREATE OR REPLACE FUNCTION keep_security_entry() RETURNS trigger AS $$
              BEGIN INSERT INTO recorded_security_entries (entry) VALUES (NEW.entry); RETURN NEW; END
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS keep_security_entry ON security_outbox;
            CREATE TRIGGER keep_security_entry AFTER INSERT ON security_outbox
              FOR EACH ROW EXECUTE FUNCTION keep_security_entry();
            """)
        .update();
    company = UUID.randomUUID();
    admin = TestTokens.companyAdmin(company);
    account = create(company, admin);
    UUID otherCompany = UUID.randomUUID();
    otherCompanyAccount = create(otherCompany, TestTokens.companyAdmin(otherCompany));
    version = 1;
  }

  @AfterContainer
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static UUID create(UUID companyId, String token) throws Exception {
    HttpResponse<byte[]> created =
        send(creation(companyId, token, validBody(Endpoint.CREATE), false, "a valid account"));
    assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
    return UUID.fromString(JSON.readTree(created.body()).get("id").asText());
  }

  /** A creation of an account in {@code companyId} with {@code body}, sent chunked or not. */
  private static Hostile creation(
      UUID companyId, String token, String body, boolean chunked, String description) {
    return new Hostile(
        "POST",
        "/companies/" + companyId + "/service-accounts",
        Map.of("Authorization", token),
        body.getBytes(StandardCharsets.UTF_8),
        chunked,
        description);
  }

  // ---------------------------------------------------------------------------------------------
  // The properties

  @Property(tries = TRIES)
  void hostileBodiesAreRefusedWithABoundedProblemAndStoreNothing(
      @ForAll("hostileBodies") Hostile request) throws Exception {
    assertRefusedAndNothingStored(request);
  }

  @Property(tries = TRIES)
  void hostileParametersHeadersIdsAndTokensAreRefusedWithABoundedProblemAndStoreNothing(
      @ForAll("hostileEnvelopes") Hostile request) throws Exception {
    assertRefusedAndNothingStored(request);
  }

  private static void assertRefusedAndNothingStored(Hostile request) throws Exception {
    long events = storedEvents();
    long recorded = lastRecorded();
    HttpResponse<byte[]> response = send(request);
    HostileInput.assertBoundedProblem(response, false);
    assertThat(storedEvents()).as("events stored by a refused request").isEqualTo(events);
    List<String> entries = recordedSince(recorded);
    assertThat(entries)
        .as("security entries recorded for a %d", response.statusCode())
        .hasSize(
            RECORDED.contains(response.statusCode())
                    && !STRANGER.equals(request.headers().get("Authorization"))
                ? 1
                : 0);
    for (String entry : entries) {
      assertThat(HostileInput.textsOf(entry))
          .as("the texts of a recorded security entry: %s", entry)
          .allSatisfy(
              text -> {
                assertThat(HostileInput.hasUnstorableCharacter(text)).isFalse();
                assertThat(text.length()).isLessThanOrEqualTo(500);
              });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Earlier findings, one by one

  @Example
  void aControlCharacterAsAPermissionsKeyIsA400NamingTheKeyEscaped() throws Exception {
    HttpResponse<byte[]> response = send(body(Endpoint.PERMISSIONS, "{\"\\u0000\":\"ADMIN\"}"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(field(response)).isEqualTo("\\u0000");
    HostileInput.assertBoundedProblem(response, false);
  }

  @Example
  void numbersAndBooleansForStringsEnumsAndDurationsAreA400NamingTheField() throws Exception {
    Map<String, Hostile> cases = new LinkedHashMap<>();
    cases.put("name", body(Endpoint.CREATE, createBody("5")));
    cases.put("name ", body(Endpoint.CREATE, createBody("true")));
    cases.put("reports", body(Endpoint.PERMISSIONS, "{\"reports\":3}"));
    cases.put("previousSecretValidFor", body(Endpoint.ROTATE, "{\"previousSecretValidFor\":3600}"));
    long events = storedEvents();
    for (Map.Entry<String, Hostile> expected : cases.entrySet()) {
      HttpResponse<byte[]> response = send(expected.getValue());
      assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(400);
      assertThat(field(response)).isEqualTo(expected.getKey().strip());
    }
    assertThat(storedEvents()).isEqualTo(events);
  }

  @Example
  void aDuplicateKeyIsA400() throws Exception {
    HttpResponse<byte[]> response =
        send(body(Endpoint.EDIT, "{\"name\":\"one\",\"name\":\"two\"}"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body())).contains("Duplicate");
  }

  @Example
  void anOverlongSlashInANameIsA400NotAStoredSlash() throws Exception {
    long events = storedEvents();
    HttpResponse<byte[]> response =
        send(notUtf8(Endpoint.CREATE, "name", new byte[] {(byte) 0xC0, (byte) 0xAF}));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo("malformed-json");
    assertThat(problem.path("detail").asText())
        .startsWith("the request body is not UTF-8: an invalid or overlong byte sequence at byte ");
    assertThat(storedEvents()).isEqualTo(events);
  }

  @Example
  void aCompressedBodyIsA415ForItIsNeverDecoded() throws Exception {
    long events = storedEvents();
    Hostile valid = body(Endpoint.CREATE, createBody("\"compressed\""));
    for (String coding : List.of("gzip", "br", "deflate, gzip")) {
      Map<String, String> headers = new LinkedHashMap<>(valid.headers());
      headers.put("Content-Encoding", coding);
      HttpResponse<byte[]> response =
          send(
              new Hostile(
                  valid.method(), valid.path(), headers, valid.body(), false, "coding " + coding));
      assertThat(response.statusCode()).as(coding).isEqualTo(415);
      assertThat(JSON.readTree(response.body()).path("detail").asText())
          .contains("Content-Encoding '" + coding + "' is not accepted");
      HostileInput.assertBoundedProblem(response, false);
    }
    assertThat(storedEvents()).isEqualTo(events);
  }

  @Example
  void aProblemSaysWhatTheFieldMustBeInTheApisWords() throws Exception {
    Map<Hostile, String> cases = new LinkedHashMap<>();
    cases.put(body(Endpoint.CREATE, createBody("5")), "name must be a string, not a number");
    cases.put(body(Endpoint.CREATE, createBody("[\"x\"]")), "name must be a string, not an array");
    cases.put(
        body(Endpoint.PERMISSIONS, "{\"reports\":\" ADMIN\"}"),
        "reports must be one of [NONE, READ_ONLY, STANDARD, ADMIN], written without spaces");
    cases.put(
        body(Endpoint.PERMISSIONS, "{\"reports\":true}"),
        "reports must be one of [NONE, READ_ONLY, STANDARD, ADMIN], not a boolean");
    cases.put(body(Endpoint.EDIT, "[]"), "body must be an object, not an array");
    cases.put(body(Endpoint.EDIT, "{\"name\":\"a\"} {}"), "body must be one JSON value");
    cases.put(body(Endpoint.EDIT, "{\"name\":NaN}"), "Non-standard token 'NaN' (line 1");
    long events = storedEvents();
    for (Map.Entry<Hostile, String> expected : cases.entrySet()) {
      HttpResponse<byte[]> response = send(expected.getKey());
      assertThat(response.statusCode()).as(expected.getKey().toString()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).path("detail").asText())
          .as(expected.getKey().toString())
          .contains(expected.getValue());
      HostileInput.assertBoundedProblem(response, false);
    }
    assertThat(storedEvents()).isEqualTo(events);
  }

  @Example
  void anAcceptWithACharsetOrParametersGetsUtf8JsonAndTheChangeOnce() throws Exception {
    for (String accept :
        List.of(
            "application/json;charset=utf-16",
            "application/json;charset=iso-8859-1",
            "application/json;charset=ebcdic-cp-us",
            "application/json;foo=bar;boundary=x")) {
      long events = storedEvents();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Authorization", admin);
      headers.put("Accept", accept);
      HttpResponse<byte[]> created =
          send(
              new Hostile(
                  "POST",
                  "/companies/" + company + "/service-accounts",
                  headers,
                  validBody(Endpoint.CREATE).getBytes(StandardCharsets.UTF_8),
                  false,
                  accept));

      assertThat(created.statusCode()).as(accept).isEqualTo(201);
      assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(JSON.readTree(created.body()).get("clientSecret").asText()).startsWith("sas_");
      assertThat(storedEvents()).isEqualTo(events + 1);
    }
  }

  @Example
  void anyAcceptHeaderGetsAProblemBody() throws Exception {
    for (String accept : List.of("a".repeat(5_000), "text/", "application/xml", "text/csv")) {
      for (Hostile request :
          List.of(
              edit(account),
              new Hostile(
                  "PUT", accountPath(account), Map.of("Authorization", admin), null, false, "PUT"),
              body(Endpoint.EDIT, "{\"name\":5}"))) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("Accept", accept);
        HttpResponse<byte[]> response =
            send(
                new Hostile(
                    request.method(),
                    request.path(),
                    headers,
                    request.body(),
                    false,
                    request.defect()
                        + " accepting "
                        + accept.substring(0, Math.min(10, accept.length()))));
        if (response.statusCode() < 400) {
          continue;
        }
        HostileInput.assertBoundedProblem(response, false);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isNotBlank();
      }
    }
  }

  @Example
  void anOversizedBodyIsA413BeforeItIsRead() throws Exception {
    String huge = createBody(HostileInput.jsonString("a".repeat(20 * 1024 * 1024)));
    for (boolean chunked : new boolean[] {false, true}) {
      HttpResponse<byte[]> response = send(creation(company, admin, huge, chunked, "20 MB"));
      assertThat(response.statusCode()).as("chunked: " + chunked).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.body().length).isLessThan(1_000);
    }
  }

  @Example
  void anEmptyIfMatchIsA400NotAnUnconditionalWrite() throws Exception {
    HttpResponse<byte[]> response =
        send(
            new Hostile(
                "POST",
                accountPath(account) + "/deactivation",
                Map.of("Authorization", admin, "If-Match", ""),
                null,
                false,
                "empty If-Match"));
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Example
  void anotherCompanysAccountIsAnsweredExactlyLikeAnUnknownOne() throws Exception {
    UUID unknown = UUID.randomUUID();
    HttpResponse<byte[]> other = send(edit(otherCompanyAccount));
    HttpResponse<byte[]> missing = send(edit(unknown));
    assertThat(other.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
    JsonNode otherProblem = JSON.readTree(other.body());
    JsonNode missingProblem = JSON.readTree(missing.body());
    assertThat(otherProblem.get("detail").asText().replace(otherCompanyAccount.toString(), "{id}"))
        .isEqualTo(missingProblem.get("detail").asText().replace(unknown.toString(), "{id}"));
    assertThat(otherProblem.get("title")).isEqualTo(missingProblem.get("title"));
    assertThat(otherProblem.get("type")).isEqualTo(missingProblem.get("type"));
  }

  /** Tomcat's limit (server.max-http-request-header-size, 8 KB) answers with a problem too. */
  @Example
  void headersOverTheLimitAreA400Problem() throws Exception {
    HttpResponse<byte[]> response =
        send(
            new Hostile(
                "POST",
                accountPath(account) + "/deactivation",
                Map.of("Authorization", admin, "X-Padding", "p".repeat(9 * 1024)),
                null,
                false,
                "9 KB header"));
    assertThat(response.statusCode()).isEqualTo(400);
    HostileInput.assertBoundedProblem(response, false);
  }

  @Example
  void aDirectRequestForTheErrorPageIsA404Problem() throws Exception {
    for (String token : new String[] {null, admin}) {
      HttpResponse<byte[]> response =
          send(
              new Hostile(
                  "GET",
                  "/error",
                  token == null ? Map.of() : Map.of("Authorization", token),
                  null,
                  false,
                  "/error"));
      assertThat(response.statusCode()).isEqualTo(404);
      HostileInput.assertBoundedProblem(response, false);
    }
  }

  private static Hostile edit(UUID id) {
    return new Hostile(
        "PATCH",
        accountPath(id),
        Map.of("Authorization", admin),
        "{\"name\":\"renamed\"}".getBytes(StandardCharsets.UTF_8),
        false,
        "edit " + id);
  }

  private static String field(HttpResponse<byte[]> response) throws Exception {
    JsonNode errors = JSON.readTree(response.body()).path("errors");
    return errors.path(0).path("field").asText(null);
  }

  // ---------------------------------------------------------------------------------------------
  // What is generated

  /** The endpoints that read a body, and the valid body each defect is applied to. */
  enum Endpoint {
    CREATE("POST", ""),
    EDIT("PATCH", "/{id}"),
    PERMISSIONS("PATCH", "/{id}/permissions"),
    ROTATE("POST", "/{id}/secret-rotations"),
    DEACTIVATE("POST", "/{id}/deactivation"),
    REACTIVATE("POST", "/{id}/reactivation"),
    DELETE("DELETE", "/{id}"),
    RESTORE("POST", "/{id}/restoration");

    final String method;
    final String path;

    Endpoint(String method, String path) {
      this.method = method;
      this.path = path;
    }

    boolean readsBody() {
      return ordinal() <= ROTATE.ordinal();
    }

    boolean perAccount() {
      return this != CREATE;
    }
  }

  /** A request and the defect it was generated with (what a failing try reports). */
  record Hostile(
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      boolean chunked,
      String defect) {

    @Override
    public String toString() {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
          + " "
          + headers.keySet()
          + " ["
          + defect
          + "] "
          + (shown.length() > 300
              ? shown.substring(0, 300) + "… (" + body.length + " bytes)"
              : shown);
    }
  }

  /** The string properties of each body, and their kinds. */
  private static Map<String, String> fields(Endpoint endpoint) {
    return switch (endpoint) {
      case CREATE ->
          Map.of(
              "name",
              "string",
              "appType",
              "enum",
              "marketplaceAppId",
              "string",
              "contactEmail",
              "string");
      case EDIT -> Map.of("name", "string", "appType", "enum", "marketplaceAppId", "string");
      case PERMISSIONS -> Map.of("reports", "enum", "directory", "enum");
      case ROTATE -> Map.of("previousSecretValidFor", "duration");
      default -> Map.of();
    };
  }

  private static String createBody(String name) {
    return "{\"name\":"
        + name
        + ",\"appType\":\"CUSTOM\",\"contactEmail\":\"p-"
        + UUID.randomUUID()
        + "@acme.example\"}";
  }

  private static String validBody(Endpoint endpoint) {
    return switch (endpoint) {
      case CREATE -> createBody("\"property target\"");
      case EDIT -> "{\"name\":\"renamed\"}";
      case PERMISSIONS -> "{\"reports\":\"ADMIN\"}";
      case ROTATE -> "{\"previousSecretValidFor\":\"PT1H\"}";
      default -> null;
    };
  }

  private static Hostile body(Endpoint endpoint, String json) {
    return body(endpoint, json.getBytes(StandardCharsets.UTF_8), false, json);
  }

  private static Hostile body(Endpoint endpoint, byte[] body, boolean chunked, String defect) {
    return new Hostile(
        endpoint.method,
        endpointPath(endpoint, account),
        Map.of("Authorization", admin),
        body,
        chunked,
        defect);
  }

  private static String endpointPath(Endpoint endpoint, Object id) {
    return "/companies/"
        + company
        + "/service-accounts"
        + endpoint.path.replace("{id}", String.valueOf(id));
  }

  private static String accountPath(UUID id) {
    return "/companies/" + company + "/service-accounts/" + id;
  }

  @Provide
  Arbitrary<Hostile> hostileBodies() {
    Arbitrary<Endpoint> endpoints =
        Arbitraries.of(Endpoint.CREATE, Endpoint.EDIT, Endpoint.PERMISSIONS, Endpoint.ROTATE);
    return endpoints.flatMap(
        endpoint -> {
          List<String> names = new ArrayList<>(fields(endpoint).keySet());
          names.sort(null);
          Arbitrary<String> field = Arbitraries.of(names);
          Arbitrary<String> hostileKey =
              HostileInput.hostileStrings().map(HostileInput::jsonString);
          return Arbitraries.oneOf(
              // a string no field takes, in a string or enum property or as a property name
              Combinators.combine(field, HostileInput.hostileStrings())
                  .as((name, value) -> withValue(endpoint, name, HostileInput.jsonString(value))),
              hostileKey.map(
                  key -> json(endpoint, withProperty(validBody(endpoint), key, "\"ADMIN\""))),
              // the wrong kind of value: numbers, booleans, arrays, objects, deep nesting
              Combinators.combine(field, HostileInput.wrongTypes())
                  .as((name, value) -> withValue(endpoint, name, value)),
              // an enum constant or a duration that does not exist
              Combinators.combine(
                      field, Arbitraries.of("\"custom\"", "\"SUPER\"", "\"\"", "\"P\"", "\"3600\""))
                  .as((name, value) -> withValue(endpoint, name, value))
                  .filter(hostile -> !hostile.defect().contains("name=")),
              // a property given twice, or one the body does not have
              field.map(name -> json(endpoint, duplicated(endpoint, name))),
              Arbitraries.strings()
                  .alpha()
                  .ofMinLength(1)
                  .ofMaxLength(30)
                  .filter(name -> !fields(endpoint).containsKey(name))
                  .map(
                      name ->
                          json(
                              endpoint,
                              withProperty(validBody(endpoint), "\"" + name + "\"", "\"x\""))),
              // not JSON, cut short, not UTF-8, or larger than the limit
              Arbitraries.integers()
                  .between(1, validBody(endpoint).length() - 1)
                  .map(cut -> json(endpoint, validBody(endpoint).substring(0, cut))),
              Arbitraries.of(
                      "", "null", "[]", "\"x\"", "{", "}", "{}}", "{\"name\"}", "{'name':'x'}")
                  .filter(text -> !(endpoint == Endpoint.ROTATE && text.equals("null")))
                  .filter(text -> !(endpoint == Endpoint.ROTATE && text.isEmpty()))
                  .map(text -> json(endpoint, text)),
              Combinators.combine(field, Arbitraries.of(NOT_UTF_8))
                  .as((name, bytes) -> notUtf8(endpoint, name, bytes)),
              Arbitraries.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)
                  .map(
                      charset ->
                          body(
                              endpoint,
                              validBody(endpoint).getBytes(charset),
                              false,
                              "the valid body in " + charset)),
              Arbitraries.of(true, false)
                  .map(
                      chunked ->
                          body(
                              endpoint,
                              withProperty(
                                      validBody(endpoint),
                                      "\"" + names.get(0) + "x\"",
                                      HostileInput.jsonString("a".repeat(OVERSIZED)))
                                  .getBytes(StandardCharsets.UTF_8),
                              chunked,
                              "oversized, chunked: " + chunked)));
        });
  }

  /** The valid body with {@code name} set to the raw JSON {@code value}. */
  private static Hostile withValue(Endpoint endpoint, String name, String value) {
    Map<String, String> properties = new LinkedHashMap<>();
    try {
      JSON.readTree(validBody(endpoint))
          .properties()
          .forEach(property -> properties.put(property.getKey(), property.getValue().toString()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    properties.put(name, value);
    StringBuilder json = new StringBuilder("{");
    properties.forEach(
        (key, raw) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(key)
                .append("\":")
                .append(raw));
    String text = json.append('}').toString();
    return body(
        endpoint, text.getBytes(StandardCharsets.UTF_8), false, name + "=" + abbreviated(value));
  }

  private static Hostile json(Endpoint endpoint, String json) {
    return body(endpoint, json.getBytes(StandardCharsets.UTF_8), false, abbreviated(json));
  }

  private static String withProperty(String validBody, String rawName, String rawValue) {
    return "{" + rawName + ":" + rawValue + "," + validBody.substring(1);
  }

  private static String duplicated(Endpoint endpoint, String name) {
    String valid = validBody(endpoint);
    String value =
        name.equals("previousSecretValidFor")
            ? "\"PT2H\""
            : name.equals("reports") || name.equals("directory")
                ? "\"NONE\""
                : name.equals("appType") ? "\"CUSTOM\"" : "\"dup\"";
    return withProperty(withProperty(valid, "\"" + name + "\"", value), "\"" + name + "\"", value);
  }

  /**
   * Byte sequences that are not UTF-8: a byte that never starts one, overlong forms (of NUL and of
   * '/'), an encoded surrogate, a code point past U+10FFFF, a sequence cut short, and Latin-1.
   */
  private static final List<byte[]> NOT_UTF_8 =
      List.of(
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xC0, (byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
          new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xE9});

  /** The valid body with {@code bad} in the middle of the string value of {@code name}. */
  private static Hostile notUtf8(Endpoint endpoint, String name, byte[] bad) {
    String marker = "\uE000";
    Hostile valid = withValue(endpoint, name, "\"ok" + marker + "ok\"");
    byte[] text = valid.body();
    byte[] mark = marker.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(text, mark);
    byte[] body = new byte[text.length - mark.length + bad.length];
    System.arraycopy(text, 0, body, 0, at);
    System.arraycopy(bad, 0, body, at, bad.length);
    System.arraycopy(text, at + mark.length, body, at + bad.length, text.length - at - mark.length);
    return body(endpoint, body, false, name + " not UTF-8: " + HexFormat.of().formatHex(bad));
  }

  private static int indexOf(byte[] text, byte[] part) {
    for (int i = 0; i + part.length <= text.length; i++) {
      if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }

  private static String abbreviated(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "… (" + text.length() + ")" : text;
  }

  @Provide
  Arbitrary<Hostile> hostileEnvelopes() {
    Arbitrary<Endpoint> endpoints = Arbitraries.of(Endpoint.values());
    return endpoints.flatMap(
        endpoint -> {
          List<Arbitrary<Hostile>> defects = new ArrayList<>();
          // a query parameter no endpoint takes: control characters, bad UTF-8, too long
          defects.add(
              Combinators.combine(
                      Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                      HostileInput.hostileQueryValues())
                  .as(
                      (name, value) ->
                          envelope(
                              endpoint,
                              account,
                              Map.of("Authorization", admin),
                              "?" + name + "=" + value,
                              "query " + name)));
          // a caller who may not, or is not who they say
          defects.add(
              Arbitraries.of(
                      "",
                      "Bearer",
                      "Bearer x.y.z",
                      "Basic YWRtaW46YWRtaW4=",
                      TestTokens.expired(company),
                      TestTokens.signedByAnotherKey(company),
                      TestTokens.bearer(
                          "user:reader@acme.example",
                          company,
                          Map.of(
                              CompanyTools.ADMIN,
                              PermissionLevel.READ_ONLY,
                              CompanyTools.DIRECTORY,
                              PermissionLevel.READ_ONLY)),
                      STRANGER)
                  .map(
                      token ->
                          envelope(
                              endpoint,
                              account,
                              token.isEmpty() ? Map.of() : Map.of("Authorization", token),
                              "",
                              "token")));
          // an answer this API does not give: refused before the command runs, not after
          defects.add(
              Arbitraries.of(
                      "application/xml",
                      "application/yaml",
                      "text/csv",
                      "text/html",
                      "application/problem+json",
                      "image/*",
                      "*/*;q=0",
                      "application/json;q=0",
                      "application/xml, */*;q=0",
                      "application/json;q=0, text/html")
                  .map(
                      accept ->
                          envelope(
                              endpoint,
                              account,
                              Map.of("Authorization", admin, "Accept", accept),
                              "",
                              "Accept " + accept)));
          if (endpoint.perAccount()) {
            // an id that is not one of this company's accounts
            defects.add(
                Arbitraries.oneOf(
                        Arbitraries.just(otherCompanyAccount.toString()),
                        Arbitraries.create(() -> UUID.randomUUID().toString()),
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
                        Arbitraries.of(
                            "%00",
                            "%FF",
                            "..",
                            "%2e%2e",
                            "a%2Fb",
                            "%20",
                            "12345678-1234-1234-1234-1234567890123"))
                    .map(
                        id ->
                            envelope(
                                endpoint, id, Map.of("Authorization", admin), "", "id " + id)));
            // an If-Match that is no version of this account, or not an entity tag at all
            defects.add(
                Arbitraries.oneOf(
                        Arbitraries.of(
                            "",
                            " ",
                            "\"\"",
                            "W/",
                            "\"0\"",
                            "\"-1\"",
                            "1",
                            "\"1\", \"2\"",
                            "**",
                            "\"99999999999999999999\""),
                        Arbitraries.longs()
                            .between(1_000, Long.MAX_VALUE)
                            .map(v -> "\"" + v + "\""),
                        Arbitraries.strings()
                            .ascii()
                            .ofMinLength(1)
                            .ofMaxLength(50)
                            .filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                            .filter(
                                v -> !v.strip().equals("*") && !v.strip().matches("(W/)?\"1\"")))
                    .map(
                        tag ->
                            envelope(
                                endpoint,
                                account,
                                Map.of("Authorization", admin, "If-Match", tag),
                                "",
                                "If-Match " + tag)));
          } else {
            // an Idempotency-Key this API does not take
            defects.add(
                Arbitraries.of("", " ", "a".repeat(201), "key with spaces")
                    .map(
                        key ->
                            envelope(
                                endpoint,
                                account,
                                Map.of("Authorization", admin, "Idempotency-Key", key),
                                "",
                                "Idempotency-Key")));
          }
          return Arbitraries.oneOf(defects);
        });
  }

  private static Hostile envelope(
      Endpoint endpoint, Object id, Map<String, String> headers, String query, String defect) {
    String body = validBody(endpoint);
    return new Hostile(
        endpoint.method,
        endpointPath(endpoint, id) + query,
        headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        false,
        defect);
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and counting

  private static HttpResponse<byte[]> send(Hostile request) throws Exception {
    HttpRequest.BodyPublisher body =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : request.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + request.path()))
            .timeout(Duration.ofSeconds(60))
            .method(request.method(), body);
    if (request.body() != null) {
      builder.header("Content-Type", "application/json");
    }
    request.headers().forEach(builder::header);
    return HostileInput.HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static long storedEvents() {
    return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
  }

  private static long lastRecorded() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM recorded_security_entries")
        .query(Long.class)
        .single();
  }

  private static List<String> recordedSince(long id) {
    return jdbc.sql("SELECT entry FROM recorded_security_entries WHERE id > ? ORDER BY id")
        .param(id)
        .query(String.class)
        .list();
  }
}
