package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestServiceCredentials;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole pipe as a user meets it: commands to command-service, events through the event store
 * and Kafka, listings and audit from query-service — with a restart of query-service and a Kafka
 * outage in between.
 */
class ServiceAccountSystemIT extends ACompanyOnTheRunningSystem {

  @Test
  void anEditShowsInTheListingAndInTheAuditTrailWithBeforeAndAfter() throws Exception {
    JsonNode created = create("ERP sync", "MARKETPLACE", "sage-intacct");
    String id = created.get("id").asText();
    String secret = created.get("clientSecret").asText();

    long sent = System.nanoTime();
    HttpResponse<String> edit =
        command("PATCH", accounts() + "/" + id, Map.of("name", "ERP nightly", "appType", "CUSTOM"));
    assertThat(edit.statusCode()).isEqualTo(200);
    JsonNode account = awaitAccount(id, 2);
    System.out.printf(
        "edit visible in query-service %d ms after its response%n",
        (System.nanoTime() - sent) / 1_000_000);

    assertThat(account.get("name").asText()).isEqualTo("ERP nightly");
    assertThat(account.get("appType").asText()).isEqualTo("CUSTOM");
    assertThat(
            account.path("marketplaceAppId").isMissingNode()
                || account.get("marketplaceAppId").isNull())
        .isTrue();
    assertThat(account.get("clientId").asText()).isEqualTo(created.get("clientId").asText());
    assertThat(account.get("createdBy").asText()).isEqualTo("user:alice@acme.example");
    assertThat(account.get("lastEditedBy").asText()).isEqualTo("user:alice@acme.example");

    JsonNode listing = query(accounts());
    assertThat(listing.get("items")).hasSize(1);
    assertThat(listing.at("/items/0/name").asText()).isEqualTo("ERP nightly");

    JsonNode audit = query(accounts() + "/" + id + "/audit").get("items");
    assertThat(audit).hasSize(2);
    JsonNode edited = audit.get(0);
    assertThat(edited.get("type").asText()).isEqualTo("ServiceAccountEdited");
    assertThat(edited.get("version").asLong()).isEqualTo(2);
    assertThat(edited.get("actor").asText()).isEqualTo("user:alice@acme.example");
    assertThat(edited.at("/changes/name/before").asText()).isEqualTo("ERP sync");
    assertThat(edited.at("/changes/name/after").asText()).isEqualTo("ERP nightly");
    assertThat(edited.at("/changes/appType/before").asText()).isEqualTo("MARKETPLACE");
    assertThat(edited.at("/changes/appType/after").asText()).isEqualTo("CUSTOM");
    assertThat(edited.at("/changes/marketplaceAppId/before").asText()).isEqualTo("sage-intacct");
    assertThat(audit.get(1).get("type").asText()).isEqualTo("ServiceAccountCreated");
    // The email travels sealed; query-service opens it with the key in command-service's database.
    String email = account.get("contactEmail").asText();
    assertThat(email).matches("[0-9a-f-]{36}@acme\\.example");
    assertThat(audit.get(1).at("/changes/contactEmail/after").asText()).isEqualTo(email);
    assertThat(edited.get("companySequence").asLong()).isEqualTo(2);
    assertThat(edited.get("actorType").asText()).isEqualTo("user");

    JsonNode verification = query("/companies/" + company + "/audit/verify");
    assertThat(verification.get("status").asText()).isEqualTo("OK");
    assertThat(verification.get("entriesChecked").asLong()).isEqualTo(2);

    assertThat(rawQuery(accounts()).body()).doesNotContain(secret);
    assertThat(rawQuery(accounts() + "/" + id).body())
        .doesNotContain(secret)
        .doesNotContain("sha256:");
    assertThat(rawQuery(accounts() + "/" + id + "/audit").body())
        .doesNotContain(secret)
        .doesNotContain("sha256:");
    assertThat(system.output()).noneMatch(line -> line.contains(secret));
  }

  /** A command line is visible to every user of the machine ({@code ps}), an environment not. */
  @Test
  void queryServiceHoldsItsSecretsInItsEnvironmentNotOnItsCommandLine() throws IOException {
    Path process = Path.of("/proc", Long.toString(system.queryService.pid()));

    assertThat(Files.readString(process.resolve("cmdline")).replace('\0', ' '))
        .contains(
            "--service-accounts.command-service.username=" + TestServiceCredentials.QUERY_SERVICE)
        .doesNotContain(TestServiceCredentials.QUERY_SERVICE_SECRET)
        .doesNotContain("--spring.datasource.password");
    assertThat(Files.readString(process.resolve("environ")).split("\0"))
        .contains(
            "SERVICE_ACCOUNTS_COMMAND_SERVICE_PASSWORD="
                + TestServiceCredentials.QUERY_SERVICE_SECRET)
        .anyMatch(variable -> variable.startsWith("SPRING_DATASOURCE_PASSWORD="));
  }

  @Test
  void readingWithTheVersionACommandAnsweredNeverShowsOlderData() throws Exception {
    String id = create("RYW", "CUSTOM", null).get("id").asText();
    for (int edit = 1; edit <= 20; edit++) {
      HttpResponse<String> edited =
          command("PATCH", accounts() + "/" + id, Map.of("name", "RYW " + edit));
      assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
      long version = JSON.readTree(edited.body()).get("version").asLong();
      HttpResponse<String> read = rawQuery(accounts() + "/" + id + "?minVersion=" + version);
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(JSON.readTree(read.body()).get("name").asText()).isEqualTo("RYW " + edit);
    }
  }

  @Test
  void projectionsRebuiltFromTheEventStoreAreIdenticalWhileTheLiveFeedKeepsFlowing()
      throws Exception {
    String[] ids = new String[3];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = create("Rebuilt " + i, "CUSTOM", null).get("id").asText();
      command("PATCH", accounts() + "/" + ids[i], Map.of("name", "Rebuilt again " + i));
    }
    command("PATCH", accounts() + "/" + ids[0] + "/permissions", Map.of("reports", "STANDARD"));
    command("POST", accounts() + "/" + ids[1] + "/deactivation", Map.of());
    command("DELETE", accounts() + "/" + ids[2], null);
    String live = create("Live", "CUSTOM", null).get("id").asText();
    awaitAccount(ids[0], 3);
    awaitAccount(ids[1], 3);
    awaitAccount(ids[2], 3);
    awaitAccount(live, 1);
    String listing = accounts() + "?status=ACTIVE,DEACTIVATED,DELETED&size=200";
    String trail = "/companies/" + company + "/audit?limit=500";
    JsonNode listingBefore = query(listing);
    JsonNode trailBefore = query(trail);
    assertThat(query("/companies/" + company + "/audit/verify").get("status").asText())
        .isEqualTo("OK");

    List<String> schemaBefore = projectionSchema();
    // The projections are lost.
    TestInfrastructure infrastructure = TestInfrastructure.get();
    try (var connection = infrastructure.superuserDataSource("query_service").getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE service_account, purged_service_account, audit_entry, audit_chain_head,"
              + " company_event_position");
    }
    assertThat(rawQuery(accounts() + "/" + ids[0]).statusCode()).isEqualTo(404);

    String operator = TestTokens.operator();
    URI projections = system.queryService.baseUri().resolve("/actuator/projections");
    HttpResponse<String> started = send(projections, "POST", operator, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    // A second rebuild is refused while the first runs, with the first one's progress.
    HttpResponse<String> second = send(projections, "POST", operator, null);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode running = JSON.readTree(second.body());
    assertThat(running.get("code").asText()).isEqualTo("rebuild-running");
    assertThat(running.at("/rebuild/state").asText()).isEqualTo("RUNNING");
    // The live feed keeps flowing: edits while the rebuild runs.
    for (int edit = 1; edit <= 10; edit++) {
      assertThat(
              command("PATCH", accounts() + "/" + live, Map.of("name", "Live " + edit))
                  .statusCode())
          .isEqualTo(200);
    }
    JsonNode done = awaitRebuildDone(projections, operator);
    System.out.printf(
        "projections rebuilt from the event store: %d events at %.0f events/s%n",
        done.get("eventsApplied").asLong(), done.get("eventsPerSecond").asDouble());

    assertThat(awaitAccount(live, 11).get("name").asText()).isEqualTo("Live 10");
    JsonNode listingAfter = query(listing);
    for (int i = 0; i < ids.length; i++) {
      assertThat(itemWithId(listingAfter.get("items"), ids[i]))
          .isEqualTo(itemWithId(listingBefore.get("items"), ids[i]));
    }
    JsonNode trailAfter = query(trail).get("items");
    for (JsonNode entry : trailBefore.get("items")) {
      if (!entry.get("accountId").asText().equals(live)) {
        assertThat(itemWithEventId(trailAfter, entry.get("eventId").asText())).isEqualTo(entry);
      }
    }
    assertThat(query(accounts() + "/" + live + "/audit?limit=500").get("items")).hasSize(11);
    JsonNode verified = query("/companies/" + company + "/audit/verify");
    assertThat(verified.get("status").asText()).isEqualTo("OK");
    assertThat(verified.get("entriesChecked").asLong()).isEqualTo(trailAfter.size());
    // The new tables have the indexes and constraints of the old, by name: the rebuild builds
    // them after copying, and later migrations name them.
    assertThat(projectionSchema()).isEqualTo(schemaBefore);
    // And the planner's statistics: the tables with rows were analysed before the switch, not
    // left to autovacuum's next round.
    assertThat(
            sql(
                """
                SELECT DISTINCT tablename FROM pg_stats
                 WHERE schemaname = 'public' AND tablename IN ('service_account', 'audit_entry',
                       'audit_chain_head', 'company_event_position')
                 ORDER BY 1
                """))
        .containsExactly(
            "audit_chain_head", "audit_entry", "company_event_position", "service_account");
  }

  /**
   * Last use is not in the events (token-service reports it on the usage topic, which is not
   * replayed): a rebuild carries it over from the tables it replaces, for the account and for each
   * secret.
   */
  @Test
  void aRebuildKeepsTheLastUseOfAccountsAndSecrets() throws Exception {
    JsonNode created = create("Used before the rebuild", "CUSTOM", null);
    String id = created.get("id").asText();
    String clientId = created.get("clientId").asText();
    String secret = created.get("clientSecret").asText();
    await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> tokenResponse(clientId, secret).statusCode() == 200);
    JsonNode used = awaitLastUse(id);
    String accountLastUse = used.get("lastUsedAt").asText();
    String secretLastUse = used.at("/secrets/0/lastUsedAt").asText();
    assertThat(secretLastUse).isNotEmpty();

    String operator = TestTokens.operator();
    URI projections = system.queryService.baseUri().resolve("/actuator/projections");
    HttpResponse<String> started = send(projections, "POST", operator, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    awaitRebuildDone(projections, operator);

    JsonNode after = query(accounts() + "/" + id);
    assertThat(after.get("lastUsedAt").asText()).isEqualTo(accountLastUse);
    assertThat(after.at("/secrets/0/lastUsedAt").asText()).isEqualTo(secretLastUse);
    assertThat(after.get("version")).isEqualTo(used.get("version"));
  }

  /** Waits for the running projection rebuild to end, and asserts that it is done. */
  private JsonNode awaitRebuildDone(URI projections, String operator) {
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> JSON.readTree(send(projections, "GET", operator, null).body()),
                status -> !status.get("state").asText().equals("RUNNING"));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
    return done;
  }

  /** The account once the listing shows its last use (token-service reports every few seconds). */
  private JsonNode awaitLastUse(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> JSON.readTree(rawQuery(accounts() + "/" + id).body()),
            view -> !view.path("lastUsedAt").isNull() && !view.path("lastUsedAt").isMissingNode());
  }

  /** The first column of each row the query gives, in query-service's database. */
  private static List<String> sql(String query) throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.get();
    List<String> values = new ArrayList<>();
    try (var connection = infrastructure.superuserDataSource("query_service").getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** The projection tables' indexes and constraints, each as its name and definition. */
  private static List<String> projectionSchema() throws Exception {
    List<String> schema =
        sql(
            """
            SELECT indexname || ': ' || indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename IN ('service_account',
                   'purged_service_account', 'audit_entry', 'audit_chain_head',
                   'company_event_position')
            UNION ALL
            SELECT conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
              FROM pg_constraint
             WHERE conrelid IN ('service_account'::regclass, 'purged_service_account'::regclass,
                   'audit_entry'::regclass, 'audit_chain_head'::regclass,
                   'company_event_position'::regclass)
            ORDER BY 1
            """);
    assertThat(schema).anyMatch(entry -> entry.startsWith("audit_entry_by_account: "));
    return schema;
  }

  private static JsonNode itemWithId(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no item " + id + " in " + items);
  }

  private static JsonNode itemWithEventId(JsonNode items, String eventId) {
    for (JsonNode item : items) {
      if (item.get("eventId").asText().equals(eventId)) {
        return item;
      }
    }
    throw new AssertionError("no entry " + eventId + " in " + items);
  }

  /**
   * 100 threads edit one account at once: three in four with {@code If-Match} of the version they
   * read from query-service, the others without (last writer wins). Each answer is 2xx, 409 or 412;
   * the acknowledged edits, and only they, are in the event store and the audit trail, one version
   * each, without gaps or duplicates; the account ends as the edit with the highest version left
   * it.
   */
  @Test
  void concurrentEditsOfOneAccountKeepExactlyTheAcknowledgedOnesInVersionOrder() throws Exception {
    String id = create("Concurrent 0", "CUSTOM", null).get("id").asText();
    awaitAccount(id, 1);
    int editors = 100;
    List<EditAnswer> answers = Collections.synchronizedList(new ArrayList<>());
    // Released together, each after a jitter of up to 3 s: the edits overlap. A conditional editor
    // reads the account as a client that saw the newest acknowledged version would, with
    // ?minVersion, so some still hold the current version when their edit arrives, most not.
    java.util.Random jitter = new java.util.Random(42);
    java.util.concurrent.atomic.AtomicLong acknowledged =
        new java.util.concurrent.atomic.AtomicLong(1);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(editors);
    List<Future<?>> running = new ArrayList<>();
    for (int editor = 1; editor <= editors; editor++) {
      int me = editor;
      boolean conditional = me % 4 != 0;
      long delay = jitter.nextInt(3_000);
      running.add(
          threads.submit(
              () -> {
                start.await();
                Thread.sleep(delay);
                EditAnswer answer = edit(id, me, conditional ? acknowledged.get() : 0);
                acknowledged.accumulateAndGet(answer.version(), Math::max);
                answers.add(answer);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> editor : running) {
      editor.get(2, TimeUnit.MINUTES);
    }
    threads.shutdown();

    assertThat(answers).hasSize(editors);
    for (EditAnswer answer : answers) {
      assertThat(answer.status() / 100 == 2 || answer.status() == 409 || answer.status() == 412)
          .as("editor %d answered %d: %s", answer.editor(), answer.status(), answer.body())
          .isTrue();
    }
    List<EditAnswer> applied =
        answers.stream()
            .filter(answer -> answer.status() / 100 == 2)
            .sorted(java.util.Comparator.comparingLong(EditAnswer::version))
            .toList();
    // Every edit renames, so each acknowledged one made exactly one event: versions 2..N+1.
    List<Long> versions = applied.stream().map(EditAnswer::version).toList();
    assertThat(versions)
        .as("versions of the acknowledged edits")
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(2, applied.size() + 1).boxed().toList());
    for (EditAnswer answer : applied) {
      if (answer.ifMatch() != null) {
        // A conditional edit applies to the version it named, and makes the next one.
        assertThat(answer.version())
            .isEqualTo(Long.parseLong(answer.ifMatch().replace("\"", "")) + 1);
      }
    }
    EditAnswer last = applied.get(applied.size() - 1);
    long stored = system.eventStore().eventsOf(id);
    assertThat(stored).isEqualTo(1 + applied.size());

    // The query side, read with the last acknowledged version, shows the last applied edit.
    HttpResponse<String> finalRead =
        rawQuery(accounts() + "/" + id + "?minVersion=" + last.version());
    assertThat(finalRead.statusCode()).as(finalRead.body()).isEqualTo(200);
    JsonNode account = JSON.readTree(finalRead.body());
    assertThat(account.get("version").asLong()).isEqualTo(last.version());
    assertThat(account.get("name").asText()).isEqualTo(last.name());

    // The audit trail, page by page: one edit entry per acknowledged edit, at its version.
    List<JsonNode> trail = new ArrayList<>();
    String page = accounts() + "/" + id + "/audit?limit=15&minVersion=" + last.version();
    int pages = 0;
    while (page != null) {
      JsonNode body = query(page);
      pages++;
      body.get("items").forEach(trail::add);
      page =
          body.path("nextCursor").isTextual()
              ? accounts() + "/" + id + "/audit?limit=15&cursor=" + body.get("nextCursor").asText()
              : null;
    }
    List<JsonNode> edits =
        trail.stream().filter(e -> e.get("type").asText().equals("ServiceAccountEdited")).toList();
    assertThat(trail).hasSize(1 + applied.size());
    assertThat(edits.stream().map(edit -> edit.get("version").asLong()).sorted().toList())
        .as("versions of the audit trail's edits")
        .containsExactlyElementsOf(versions);
    Map<Long, String> nameByVersion = new java.util.HashMap<>();
    applied.forEach(answer -> nameByVersion.put(answer.version(), answer.name()));
    for (JsonNode edit : edits) {
      long version = edit.get("version").asLong();
      assertThat(edit.at("/changes/name/after").asText())
          .as("name of the edit at version %d", version)
          .isEqualTo(nameByVersion.get(version));
    }

    Map<Integer, Long> byStatus =
        answers.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    EditAnswer::status,
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
    // How far behind the version a refused conditional editor had read was.
    Map<Long, Long> staleness = new java.util.TreeMap<>();
    for (EditAnswer answer : answers) {
      if (answer.status() == 412) {
        long current = JSON.readTree(answer.body()).get("currentVersion").asLong();
        long read = Long.parseLong(answer.ifMatch().replace("\"", ""));
        staleness.merge(current - read, 1L, Long::sum);
      }
    }
    System.out.printf("412 answers by versions the If-Match was behind: %s%n", staleness);
    System.out.printf(
        "concurrent edits of one account: sent %d (%d with If-Match, %d without); answers %s;"
            + " acknowledged %d (%d with If-Match, %d without), versions 2..%d; stored %d events"
            + " (creation included); projected version %d named '%s'; audit trail %d entries on"
            + " %d pages, %d edits%n",
        editors,
        answers.stream().filter(answer -> answer.ifMatch() != null).count(),
        answers.stream().filter(answer -> answer.ifMatch() == null).count(),
        byStatus,
        applied.size(),
        applied.stream().filter(answer -> answer.ifMatch() != null).count(),
        applied.stream().filter(answer -> answer.ifMatch() == null).count(),
        last.version(),
        stored,
        account.get("version").asLong(),
        account.get("name").asText(),
        trail.size(),
        pages,
        edits.size());
  }

  /** One editor's answer: its status, and for a 2xx the version its ETag names. */
  private record EditAnswer(
      int editor, String ifMatch, int status, long version, String name, String body) {}

  /**
   * Renames the account: with If-Match of the version query-service shows once it has applied
   * {@code seen} (or, after its 2 s wait, of whatever it shows), or without If-Match if {@code
   * seen} is 0.
   */
  private EditAnswer edit(String id, int editor, long seen) throws Exception {
    String name = "Concurrent edit " + editor;
    HttpRequest.Builder patch =
        HttpRequest.newBuilder(system.commandService.baseUri().resolve(accounts() + "/" + id))
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name))))
            .header("Content-Type", "application/json")
            .header("Authorization", CompanyClient.alice(accounts()))
            .timeout(Duration.ofSeconds(60));
    String ifMatch = null;
    if (seen > 0) {
      HttpResponse<String> read = rawQuery(accounts() + "/" + id + "?minVersion=" + seen);
      if (read.statusCode() != 200) {
        read = rawQuery(accounts() + "/" + id);
      }
      ifMatch = read.headers().firstValue("ETag").orElseThrow();
      patch.header("If-Match", ifMatch);
    }
    HttpResponse<String> response = http.send(patch.build(), HttpResponse.BodyHandlers.ofString());
    long version =
        response.statusCode() / 100 == 2
            ? Long.parseLong(response.headers().firstValue("ETag").orElseThrow().replace("\"", ""))
            : -1;
    return new EditAnswer(editor, ifMatch, response.statusCode(), version, name, response.body());
  }

  @Test
  void anotherCompanySeesNothingOfTheAccount() throws Exception {
    String id = create("private", "CUSTOM", null).get("id").asText();
    awaitAccount(id, 1);
    String foreign = "/companies/" + UUID.randomUUID() + "/service-accounts";

    assertThat(rawQuery(foreign + "/" + id).statusCode()).isEqualTo(404);
    assertThat(rawQuery(foreign + "/" + id + "/audit").statusCode()).isEqualTo(404);
    assertThat(query(foreign).get("items")).isEmpty();
    assertThat(command("PATCH", foreign + "/" + id, Map.of("name", "stolen")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aRestartedQueryServiceResumesWhereItLeftOff() throws Exception {
    String before = create("before restart", "CUSTOM", null).get("id").asText();
    awaitAccount(before, 1);

    system.queryService.stop(Duration.ofSeconds(30));
    String during = create("while query-service was down", "CUSTOM", null).get("id").asText();
    assertThat(
            command("PATCH", accounts() + "/" + before, Map.of("name", "edited while down"))
                .statusCode())
        .isEqualTo(200);
    system.queryService.startAndAwaitHealthy(Duration.ofSeconds(120));

    assertThat(awaitAccount(during, 1).get("name").asText())
        .isEqualTo("while query-service was down");
    assertThat(awaitAccount(before, 2).get("name").asText()).isEqualTo("edited while down");
    assertThat(query(accounts() + "/" + before + "/audit").get("items")).hasSize(2);
    assertThat(query(accounts()).get("totalItems").asLong()).isEqualTo(2);
  }

  @Test
  void commandsAcceptedWhileKafkaIsDownArriveAfterItsReturn() throws Exception {
    TestInfrastructure.get().stopKafka();
    String id;
    try {
      id = create("during outage", "CUSTOM", null).get("id").asText();
      assertThat(
              command("PATCH", accounts() + "/" + id, Map.of("name", "during outage, edited"))
                  .statusCode())
          .isEqualTo(200);
    } finally {
      TestInfrastructure.get().startKafka();
    }
    assertThat(awaitAccount(id, 2).get("name").asText()).isEqualTo("during outage, edited");
    assertThat(query(accounts() + "/" + id + "/audit").get("items")).hasSize(2);
  }

  @Test
  void aServiceAccountWithAdminGetsATokenThatBothServicesAcceptUntilItIsDeactivated()
      throws Exception {
    JsonNode created = create("ERP integration", "CUSTOM", null);
    String id = created.get("id").asText();
    String clientId = created.get("clientId").asText();
    String secret = created.get("clientSecret").asText();
    HttpResponse<String> permissions =
        command("PATCH", accounts() + "/" + id + "/permissions", Map.of("admin", "ADMIN"));
    assertThat(permissions.statusCode()).as(permissions.body()).isEqualTo(200);

    String token =
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> tokenResponse(clientId, secret),
                r -> r.statusCode() == 200 && adminLevel(r).equals("ADMIN"))
            .body();
    String bearer = "Bearer " + JSON.readTree(token).get("access_token").asText();

    HttpResponse<String> listing =
        await()
            .atMost(VISIBLE_WITHIN)
            .until(
                () -> send(system.queryService.baseUri().resolve(accounts()), "GET", bearer, null),
                r -> r.statusCode() == 200 && r.body().contains(id));
    assertThat(JSON.readTree(listing.body()).get("items")).isNotEmpty();
    HttpResponse<String> createdByTheServiceAccount =
        send(
            system.commandService.baseUri().resolve(accounts()),
            "POST",
            bearer,
            Map.of(
                "name", "made by a service account",
                "appType", "CUSTOM",
                "contactEmail", UUID.randomUUID() + "@acme.example"));
    assertThat(createdByTheServiceAccount.statusCode())
        .as(createdByTheServiceAccount.body())
        .isEqualTo(201);
    String otherId = JSON.readTree(createdByTheServiceAccount.body()).get("id").asText();
    assertThat(awaitAccount(otherId, 1).get("createdBy").asText())
        .isEqualTo("service-account:" + clientId);
    assertThat(query(accounts() + "/" + otherId + "/audit").at("/items/0/actorType").asText())
        .isEqualTo("service_account");

    // token-service reports use every few seconds; the listing shows it per account and per secret.
    JsonNode used = awaitLastUse(id);
    assertThat(used.at("/secrets/0/lastUsedAt").asText())
        .isEqualTo(used.get("lastUsedAt").asText());

    long[] delays = new long[5];
    for (int round = 0; round < delays.length; round++) {
      if (round > 0) {
        assertThat(command("POST", accounts() + "/" + id + "/reactivation", Map.of()).statusCode())
            .isEqualTo(200);
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> tokenResponse(clientId, secret).statusCode() == 200);
      }
      HttpResponse<String> deactivated =
          command("POST", accounts() + "/" + id + "/deactivation", Map.of());
      assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
      long answered = System.nanoTime();
      HttpResponse<String> refused =
          await()
              .atMost(VISIBLE_WITHIN)
              .pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(5))
              .until(() -> tokenResponse(clientId, secret), r -> r.statusCode() != 200);
      delays[round] = (System.nanoTime() - answered) / 1_000_000;
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_client");
    }
    long[] sorted = delays.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(
        "token endpoint refused a deactivated account %s ms after the deactivation's response"
            + " (median %d ms)%n",
        java.util.Arrays.toString(delays), sorted[sorted.length / 2]);

    assertThat(system.output()).noneMatch(line -> line.contains(secret));
  }

  private HttpResponse<String> tokenResponse(String clientId, String secret) throws Exception {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(system.tokenService.baseUri().resolve("/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The level on the company's admin tool that the token in a token response grants. */
  private String adminLevel(HttpResponse<String> tokenResponse) {
    try {
      String jwt = JSON.readTree(tokenResponse.body()).get("access_token").asText();
      JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
      return claims.at("/companies/" + company + "/admin").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(
      URI uri, String method, String authorization, Map<String, Object> body) throws Exception {
    return client.send(uri, method, authorization, body);
  }

  private String accounts() {
    return client.accounts();
  }

  private JsonNode create(String name, String appType, String marketplaceApp) throws Exception {
    HttpResponse<String> response =
        command("POST", accounts(), CompanyClient.newAccount(name, appType, marketplaceApp));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private JsonNode awaitAccount(String id, long version) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              HttpResponse<String> response = rawQuery(accounts() + "/" + id);
              return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            },
            account -> account != null && account.get("version").asLong() >= version);
  }

  private HttpResponse<String> command(String method, String path, Map<String, Object> body)
      throws Exception {
    return client.command(system.commandService.baseUri(), method, path, body);
  }

  private JsonNode query(String path) throws Exception {
    return client.query(system.queryService.baseUri(), path);
  }

  private HttpResponse<String> rawQuery(String path) throws Exception {
    return client.rawQuery(system.queryService.baseUri(), path);
  }
}
