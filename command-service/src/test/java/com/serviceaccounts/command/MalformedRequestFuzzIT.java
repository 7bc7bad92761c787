package com.serviceaccounts.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.command.MalformedRequests.Endpoint;
import com.serviceaccounts.command.MalformedRequests.Generated;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestInfrastructure;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sends more than 10,000 generated malformed requests ({@link MalformedRequests}) to every write
 * endpoint over real HTTP, and checks that each one is refused the way the API promises: never a
 * 5xx, never accepted, always an {@code application/problem+json} with a {@code detail} — and that
 * nothing reached the event store, while every refusal the service records (401, 403, 404, 409,
 * 412, 422) was recorded and relayed to Kafka. The seed is printed; {@code -Dfuzz.seed=<seed>}
 * repeats a run request for request.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "service-accounts.events.topic=fuzz-it-events",
      "service-accounts.security-entries.topic=fuzz-it-security",
      // Axon logs every refused command with its stack trace; thousands here say nothing new.
      "logging.level.org.axonframework.modelling.command.AbstractRepository=ERROR"
    })
class MalformedRequestFuzzIT {

  static final int REQUESTS_PER_ENDPOINT = 1_300;
  static final int THREADS = 4;
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> RECORDED = Set.of(401, 403, 404, 409, 412, 422);
  private static final Pattern COMPANY_PATH =
      Pattern.compile(
          "^/companies/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int FAILURES_SHOWN = 25;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.get().registerSpringProperties(registry, "command_service_fuzz");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  // What the run counted, across the sending threads.
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final Map<Endpoint, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> defectCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger expectedRecorded = new AtomicInteger();
  private final Map<Integer, AtomicLong> nanosByStatus = new ConcurrentHashMap<>();

  @Test
  void malformedRequestsToEveryWriteEndpointAreRefusedWithAProblemAndStoreNothing()
      throws Exception {
    long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    System.out.printf("fuzz seed %d (repeat with -Dfuzz.seed=%d)%n", seed, seed);
    UUID company = UUID.randomUUID();
    String admin = tokenFor(company, PermissionLevel.ADMIN);
    String base = "http://localhost:" + port;

    // The one valid account the per-account endpoints aim at; its event is counted before.
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/companies/" + company + "/service-accounts"))
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"fuzz target\",\"appType\":\"CUSTOM\",\"contactEmail\":\"fuzz-"
                            + company
                            + "@acme.example\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    UUID account = UUID.fromString(JSON.readTree(created.body()).get("id").asText());
    long eventsBefore = storedEvents();
    long recordedBefore = outboxEntriesEverAdded();

    MalformedRequests generator =
        new MalformedRequests(
            seed,
            company,
            account,
            new MalformedRequests.Tokens(
                admin,
                tokenFor(company, PermissionLevel.READ_ONLY),
                TestTokens.expired(company),
                TestTokens.signedByAnotherKey(company)));
    long started = System.nanoTime();
    List<Generated> regressions = generator.regressions();
    regressions.forEach(regression -> exchange(regression, base));
    Endpoint[] endpoints = Endpoint.values();
    int generated = REQUESTS_PER_ENDPOINT * endpoints.length;
    int total = regressions.size() + generated;
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> running = new ArrayList<>();
    for (int thread = 0; thread < THREADS; thread++) {
      running.add(
          senders.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < generated; i = next.getAndIncrement()) {
                  exchange(generator.generate(i, endpoints[i % endpoints.length]), base);
                }
                return null;
              }));
    }
    for (Future<?> sender : running) {
      sender.get(10, TimeUnit.MINUTES);
    }
    senders.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;

    long eventsAfter = storedEvents();
    long recorded = outboxEntriesEverAdded() - recordedBefore;
    long waitingInOutbox = outboxSizeOnceRelayed(Duration.ofSeconds(60));

    System.out.printf(
        "sent %d malformed requests (%d earlier findings, then %d per endpoint, %d threads) in"
            + " %.1f s (%.0f/s), %d MB of bodies%n",
        sent.get(),
        regressions.size(),
        REQUESTS_PER_ENDPOINT,
        THREADS,
        seconds,
        sent.get() / seconds,
        bytesSent.get() / 1_000_000);
    answers.forEach(
        (endpoint, statuses) ->
            System.out.printf(
                "  %-13s %s%n", endpoint, new TreeMap<>(statuses).toString().replace("=", ": ")));
    System.out.printf("answers by status: %s%n", byStatus());
    System.out.printf(
        "mean answer time by status: %s%n",
        byStatus().entrySet().stream()
            .map(
                entry ->
                    "%d=%.1f ms"
                        .formatted(
                            entry.getKey(),
                            nanosByStatus.get(entry.getKey()).get() / 1e6 / entry.getValue()))
            .collect(Collectors.joining(", ")));
    System.out.printf(
        "defects sent: %s%n",
        new TreeMap<>(defectCounts)
            .entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ")));
    System.out.printf(
        "acknowledged (2xx): %d, server errors (5xx): %d, failures in all: %s%n",
        countStatuses(200, 299), countStatuses(500, 599), failureKinds);
    System.out.printf(
        "events stored: %d before, %d after (the one valid account's creation counted before)%n",
        eventsBefore, eventsAfter);
    System.out.printf(
        "refusals recorded as security entries: %d expected, %d recorded, %d still in the outbox"
            + " after the relay%n",
        expectedRecorded.get(), recorded, waitingInOutbox);
    failures.stream().limit(FAILURES_SHOWN).forEach(failure -> System.out.println("  " + failure));

    assertThat(sent.get()).isEqualTo(total).isGreaterThanOrEqualTo(10_000);
    assertThat(failures).as("requests answered wrongly (first %d above)", FAILURES_SHOWN).isEmpty();
    assertThat(countStatuses(400, 499)).isEqualTo(total);
    assertThat(eventsAfter).isEqualTo(eventsBefore);
    assertThat(eventsOf(account)).isEqualTo(1);
    assertThat(recorded).isEqualTo(expectedRecorded.get());
    assertThat(waitingInOutbox).isZero();
  }

  private void exchange(Generated request, String base) {
    request.defects().forEach(defect -> count(defectCounts, defect));
    HttpResponse<String> response;
    long sentAt = System.nanoTime();
    try {
      response = http.send(request.toHttpRequest(base), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      fail(request, "transport error", e.toString());
      return;
    } finally {
      sent.incrementAndGet();
      bytesSent.addAndGet(request.body() == null ? 0 : request.body().length);
    }
    int status = response.statusCode();
    nanosByStatus
        .computeIfAbsent(status, s -> new AtomicLong())
        .addAndGet(System.nanoTime() - sentAt);
    count(answers.computeIfAbsent(request.endpoint(), e -> new ConcurrentHashMap<>()), status);
    if (RECORDED.contains(status) && COMPANY_PATH.matcher(request.path()).find()) {
      expectedRecorded.incrementAndGet();
    }
    if (status >= 500) {
      fail(request, "server error " + status, response.body());
    } else if (status < 400) {
      fail(request, "accepted with " + status, response.body());
    } else {
      checkProblem(request, response);
    }
  }

  private void checkProblem(Generated request, HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.startsWith("application/problem+json")) {
      fail(
          request,
          response.statusCode() + " not problem+json",
          "Content-Type " + contentType + ": " + response.body());
      return;
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(response.body());
    } catch (Exception e) {
      fail(request, "unreadable problem", response.body());
      return;
    }
    if (!problem.path("detail").isTextual() || problem.get("detail").asText().isBlank()) {
      fail(request, "problem without detail", response.body());
    } else if (problem.path("status").asInt() != response.statusCode()) {
      fail(request, "problem with another status", response.body());
    }
  }

  private void fail(Generated request, String kind, String answer) {
    count(failureKinds, kind);
    String shown = answer == null ? "" : answer;
    failures.add(
        kind
            + ": "
            + request.describe()
            + " → "
            + (shown.length() > 400 ? shown.substring(0, 400) + "…" : shown));
  }

  private static <K> void count(Map<K, AtomicInteger> counts, K key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private Map<Integer, Integer> byStatus() {
    Map<Integer, Integer> total = new TreeMap<>();
    answers
        .values()
        .forEach(
            statuses ->
                statuses.forEach((status, n) -> total.merge(status, n.get(), Integer::sum)));
    return total;
  }

  private int countStatuses(int from, int to) {
    return byStatus().entrySet().stream()
        .filter(entry -> entry.getKey() >= from && entry.getKey() <= to)
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private static String tokenFor(UUID company, PermissionLevel level) {
    return TestTokens.bearer(
        "user:fuzzer@acme.example",
        company,
        Map.of(CompanyTools.ADMIN, level, CompanyTools.DIRECTORY, level));
  }

  private long storedEvents() {
    return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
  }

  private long eventsOf(UUID account) {
    return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
        .param(account.toString())
        .query(Long.class)
        .single();
  }

  /** The outbox's size once the relay emptied it, or after {@code patience}. */
  private long outboxSizeOnceRelayed(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    long size;
    while ((size = jdbc.sql("SELECT count(*) FROM security_outbox").query(Long.class).single()) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    return size;
  }

  /** How many entries were ever added to the outbox: its id sequence's position. */
  private long outboxEntriesEverAdded() {
    return jdbc.sql(
            "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
                + " FROM security_outbox_id_seq")
        .query(Long.class)
        .single();
  }
}
