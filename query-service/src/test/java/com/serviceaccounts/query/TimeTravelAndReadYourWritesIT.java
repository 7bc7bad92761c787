package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.events.serviceaccount.ValueChange;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code ?asOf=} rebuilds an account as it was; {@code minVersion} never answers stale data. */
class TimeTravelAndReadYourWritesIT extends QueryServiceIntegrationTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(80);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void asOfShowsTheAccountAsItWasAfterEachEventAndNothingBeforeOrAfterItsLife() throws Exception {
    TestAccount account = TestAccount.inANewCompany();
    List<EventEnvelope> history =
        List.of(
            spaced(account.created("ERP sync")),
            spaced(account.renamed("ERP sync", "ERP nightly")),
            spaced(
                account.permissionsChanged(
                    Map.of(
                        "reports",
                        new ValueChange<>(PermissionLevel.NONE, PermissionLevel.READ_ONLY)))),
            spaced(account.deactivated()),
            spaced(
                account.deleted(AccountStatus.DEACTIVATED, Instant.parse("2026-12-28T00:00:00Z"))),
            spaced(account.purged()));
    history.forEach(feed::publish);
    eventually().until(() -> auditRows(account.id) == 6);

    assertThat(asOf(account, history.get(0).occurredAt().minusMillis(1)).status()).isEqualTo(404);
    JsonNode created = asOf(account, history.get(0).occurredAt()).json();
    assertThat(created.get("version").asLong()).isEqualTo(1);
    assertThat(created.get("name").asString()).isEqualTo("ERP sync");
    assertThat(created.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(created.get("clientId").asString()).isEqualTo(account.clientId);
    assertThat(created.at("/permissions/reports").asString()).isEqualTo("NONE");

    JsonNode renamed = asOf(account, history.get(2).occurredAt().minusNanos(1000)).json();
    assertThat(renamed.get("version").asLong()).isEqualTo(2);
    assertThat(renamed.get("name").asString()).isEqualTo("ERP nightly");
    assertThat(renamed.at("/permissions/reports").asString()).isEqualTo("NONE");

    JsonNode permitted = asOf(account, history.get(2).occurredAt()).json();
    assertThat(permitted.at("/permissions/reports").asString()).isEqualTo("READ_ONLY");
    assertThat(permitted.get("status").asString()).isEqualTo("ACTIVE");

    JsonNode deactivated = asOf(account, history.get(3).occurredAt()).json();
    assertThat(deactivated.get("status").asString()).isEqualTo("DEACTIVATED");
    assertThat(deactivated.get("restorableUntil").isNull()).isTrue();

    JsonNode deleted = asOf(account, history.get(4).occurredAt()).json();
    assertThat(deleted.get("status").asString()).isEqualTo("DELETED");
    assertThat(deleted.get("restorableUntil").asString()).isEqualTo("2026-12-28T00:00:00Z");
    assertThat(deleted.get("name").asString()).isEqualTo("ERP nightly");
    assertThat(deleted.get("changedBy").asString()).isEqualTo(TestAccount.EDITOR);

    assertThat(asOf(account, history.get(5).occurredAt()).status()).isEqualTo(404);
    assertThat(api.get(path(account) + "?asOf=yesterday").status()).isEqualTo(400);
  }

  @Test
  void aMinimumVersionWaitsForTheChangeOrSaysItIsNotVisibleYet() throws Exception {
    TestAccount account = projectedAccount("ERP sync");

    EventEnvelope renamed = account.renamed("ERP sync", "ERP nightly");
    CompletableFuture<QueryApi.Response> waiting =
        CompletableFuture.supplyAsync(() -> api.get(path(account) + "?minVersion=2"));
    Thread.sleep(300);
    feed.publish(renamed);
    QueryApi.Response fresh = waiting.get();
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.json().get("name").asString()).isEqualTo("ERP nightly");
    assertThat(fresh.json().get("version").asLong()).isEqualTo(2);

    QueryApi.Response listing =
        api.get(
            "/companies/"
                + account.companyId
                + "/service-accounts?minVersion="
                + account.id
                + ":2");
    assertThat(listing.status()).isEqualTo(200);
    assertThat(listing.json().at("/items/0/name").asString()).isEqualTo("ERP nightly");
    assertThat(api.get(path(account) + "/audit?minVersion=2").json().get("items")).hasSize(2);

    long asked = System.nanoTime();
    QueryApi.Response behind = api.get(path(account) + "?minVersion=3");
    Duration waited = Duration.ofNanos(System.nanoTime() - asked);
    assertThat(behind.status()).isEqualTo(503);
    assertThat(behind.contentType()).isEqualTo("application/problem+json");
    assertThat(behind.json().get("minVersion").asLong()).isEqualTo(3);
    assertThat(behind.json().get("currentVersion").asLong()).isEqualTo(2);
    // Bounded: it waited, but gave up (the bound is 2 s; generous here for a busy machine).
    assertThat(waited).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(20));

    assertThat(
            api.get("/companies/" + account.companyId + "/service-accounts?minVersion=nonsense")
                .status())
        .isEqualTo(400);
    // A bad cursor or status is refused at once, not after waiting for a version that does not
    // come.
    QueryApi.Response badCursor = api.get(path(account) + "/audit?minVersion=3&cursor=nonsense");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.json().at("/invalidParams/0/name").asString()).isEqualTo("cursor");
    QueryApi.Response badStatus =
        api.get(
            "/companies/"
                + account.companyId
                + "/service-accounts?status=NOPE&minVersion="
                + account.id
                + ":3");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().at("/invalidParams/0/name").asString()).isEqualTo("status");
  }

  /**
   * Waiting reads hold request threads, so only 50 wait at once: more asking for a version that is
   * not there are refused at once, not queued behind the others.
   */
  @Test
  void readsWaitingAtOnceAreBoundedAndTheRestAreRefusedWithoutWaiting() throws Exception {
    TestAccount account = projectedAccount("ERP sync");
    TestAccount another = projectedAccount("Payroll export");
    List<CompletableFuture<QueryApi.Response>> reads = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      reads.add(
          CompletableFuture.supplyAsync(() -> api.get(path(account) + "?minVersion=9"), pool));
    }
    // Another company's read, while the first one's wait: it waits too, not refused at once.
    Thread.sleep(300);
    QueryApi.Response ofAnother = api.get(path(another) + "?minVersion=9");
    assertThat(waitedOf(reads)).isBetween(1L, 10L);
    assertThat(ofAnother.status()).isEqualTo(503);
    assertThat(ofAnother.json().get("detail").asString()).doesNotContain("(waited 0 ms)");
    assertThat(api.get(path(account)).status()).isEqualTo(200);
  }

  /**
   * A caller in many companies (a consultant's or a partner's token, say) cannot take every wait
   * either: at most 10 of its reads wait, wherever they ask, and a read of another company waits.
   */
  @Test
  void oneCallerInManyCompaniesCannotTakeEveryWait() throws Exception {
    List<TestAccount> accounts = new ArrayList<>();
    Map<UUID, Map<String, PermissionLevel>> companies = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      TestAccount account = projectedAccount("ERP sync " + i);
      accounts.add(account);
      companies.put(account.companyId, TestTokens.adminTools());
    }
    // One person's name however it is written.
    List<String> consultant =
        List.of(
            TestTokens.withCompanies("user:consultant@partner.example", companies),
            TestTokens.withCompanies("user:Consultant@partner.example", companies),
            TestTokens.withCompanies("user:CONSULTANT@PARTNER.EXAMPLE", companies));
    List<CompletableFuture<QueryApi.Response>> reads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String read = path(accounts.get(i % 6)) + "?minVersion=9";
      String token = consultant.get(i % 3);
      reads.add(CompletableFuture.supplyAsync(() -> api.getAs(token, read), pool));
    }
    Thread.sleep(300);
    QueryApi.Response ofAnother =
        api.get(path(projectedAccount("Payroll export")) + "?minVersion=9");
    assertThat(waitedOf(reads)).isBetween(1L, 10L);
    assertThat(ofAnother.status()).isEqualTo(503);
    assertThat(ofAnother.json().get("detail").asString()).doesNotContain("(waited 0 ms)");
  }

  /** How many of the reads waited; each is a 503, having waited or refused at once. */
  private static long waitedOf(List<CompletableFuture<QueryApi.Response>> reads) throws Exception {
    List<QueryApi.Response> answers = new ArrayList<>();
    for (CompletableFuture<QueryApi.Response> read : reads) {
      answers.add(read.get());
    }
    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
    return answers.stream()
        .filter(answer -> !answer.json().get("detail").asString().contains("(waited 0 ms)"))
        .count();
  }

  private static EventEnvelope spaced(EventEnvelope event) throws InterruptedException {
    Thread.sleep(3);
    return event;
  }

  private QueryApi.Response asOf(TestAccount account, Instant instant) {
    return api.get(path(account) + "?asOf=" + instant);
  }

  private static String path(TestAccount account) {
    return "/companies/" + account.companyId + "/service-accounts/" + account.id;
  }
}
