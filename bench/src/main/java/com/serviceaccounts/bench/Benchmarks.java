package com.serviceaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every benchmark of {@code BENCHMARKS.md}, in one run against a running local stack, printing each
 * figure as it is measured and a summary table at the end. Nothing here asserts on time.
 *
 * <pre>
 * java -jar bench/target/bench.jar --data-dir=.local-stack [--clients=8] [--warmup=300] [--seconds=20]
 *      [--replay-events=1000000] [--skip-replay] [--only=commands,lag]
 * </pre>
 *
 * <p>{@code --only} runs some of the phases: {@code baseline}, {@code commands}, {@code lag},
 * {@code tokens}, {@code secrets} (how soon a created or rotated secret gets a token, {@code
 * --secret-rounds} rounds, default 50), {@code replay} (the replay and the audit queries); the lag
 * phase then runs at the rate {@code --lag-rate} (edits/s, default 20) unless the commands phase
 * ran before it. {@code --lag-probe-every=N} (default 4) reads back every N-th edit of each client
 * to time its lag; 1 reads back every edit, which adds a read's work to each edit's.
 */
public final class Benchmarks {

  private static final Duration LIVE_WINDOW = Duration.ofSeconds(60);
  private static final Duration BASELINE_WARMUP = Duration.ofSeconds(30);

  private final Stack stack;
  private final int clients;
  private final Duration warmup;
  private final Duration duration;
  private final int replayEvents;
  private final boolean skipReplay;
  private final Set<String> only;
  private final double lagRate;
  private final int lagProbeEvery;
  private final int secretRounds;
  private final Map<String, String> summary = new LinkedHashMap<>();

  private Benchmarks(Options options) {
    this.stack = new Stack(options);
    this.clients = options.integer("clients", 8);
    // Five minutes: on two cores the JVMs' second-tier compiler is still busy minutes after the
    // start (half of query-service's CPU 2.5 minutes in), and a phase measured before it is done
    // measures the compiling.
    this.warmup = Duration.ofSeconds(options.integer("warmup", 300));
    this.duration = Duration.ofSeconds(options.integer("seconds", 20));
    this.replayEvents = options.integer("replay-events", 1_000_000);
    this.skipReplay = options.has("skip-replay");
    this.only = options.has("only") ? Set.of(options.get("only", "").split(",")) : Set.of();
    this.lagRate = Double.parseDouble(options.get("lag-rate", "20"));
    this.lagProbeEvery = Math.max(1, options.integer("lag-probe-every", 4));
    this.secretRounds = Math.max(1, options.integer("secret-rounds", 50));
  }

  private boolean runs(String phase) {
    return only.isEmpty() || only.contains(phase);
  }

  public static void main(String[] args) throws Exception {
    new Benchmarks(new Options(args)).run();
  }

  private void run() throws Exception {
    System.out.printf(
        "Benchmarks: %d clients, %d s per load phase, %d cores, Java %s%n%n",
        clients,
        duration.toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println("Load average before: " + loadAverage());
    Map<String, Long> idle = StackProcesses.now();
    System.out.println("Memory, idle (RSS MiB): " + idle);

    double baseline = runs("baseline") ? baseline() : Double.NaN;
    double commands = Double.NaN;
    try (StackProcesses memory = new StackProcesses()) {
      memory.startSampling();
      if (runs("commands")) {
        commands = commands();
      }
      if (runs("lag")) {
        visibilityLag(Double.isNaN(commands) ? lagRate : commands / 2);
      }
      if (runs("tokens")) {
        tokens();
      }
      if (runs("secrets")) {
        secrets();
      }
      memory.close();
      System.out.println("Memory, peak under load (RSS MiB): " + memory.peaks());
      idle.forEach(
          (process, mib) ->
              summary.put(
                  "RSS " + process + ", idle → peak under load",
                  mib + " MiB → " + memory.peaks().getOrDefault(process, mib) + " MiB"));
    }
    summary.put(
        "commands/s ÷ baseline commits/s",
        String.format(Locale.ROOT, "%.3f (target ≥ 0.25)", commands / baseline));
    if (!skipReplay && runs("replay")) {
      try (StackProcesses memory = new StackProcesses()) {
        memory.startSampling();
        replayAndAudit();
        memory.close();
        System.out.println(
            "Memory, peak while the million events are taken in and replayed (RSS MiB): "
                + memory.peaks());
        summary.put(
            "RSS peaks (MiB) while the million events are taken in and replayed",
            "" + new TreeMap<>(memory.peaks()));
      }
    }

    summary.put("machine load average at the end (1, 5, 15 min)", loadAverage());
    System.out.println("\n## Summary\n");
    System.out.println("| figure | value |");
    System.out.println("|---|---|");
    summary.forEach((figure, value) -> System.out.println("| " + figure + " | " + value + " |"));
  }

  /** The machine's load averages, from {@code /proc/loadavg}: others' work on a shared machine. */
  static String loadAverage() {
    try {
      String[] fields =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /**
   * Single-row inserts, each its own commit, by as many clients: PostgreSQL's append ceiling. The
   * warm-up is at most {@link #BASELINE_WARMUP}: the JDBC loop has little to compile, and each
   * second of it adds about 35 MB to the table. The table is dropped afterwards, so that the other
   * phases do not share the database with its vacuum and checkpoints.
   */
  private double baseline() throws Exception {
    try (Connection connection = stack.database("command_service");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS bench_baseline"
              + " (id bigserial PRIMARY KEY, account uuid NOT NULL, payload bytea NOT NULL)");
    }
    byte[] payload = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
    Load load =
        Load.run(
            clients,
            warmup.compareTo(BASELINE_WARMUP) < 0 ? warmup : BASELINE_WARMUP,
            duration,
            () -> {
              // Each client's own connection, open for the whole run (a few; the JVM's exit ends
              // them).
              Connection connection = stack.database("command_service");
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO bench_baseline (account, payload) VALUES (?, ?)");
              return measured -> {
                insert.setObject(1, UUID.randomUUID());
                insert.setBytes(2, payload);
                insert.executeUpdate();
                return true;
              };
            });
    try (Connection connection = stack.database("command_service");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE bench_baseline");
    }
    System.out.println("Baseline, single-row insert commits: " + load.describe("commits"));
    summary.put(
        "baseline: single-row insert commits/s (" + clients + " JDBC clients)",
        String.format(Locale.ROOT, "%.0f", load.perSecond()));
    return load.perSecond();
  }

  /** Creates and edits, 20/80, over HTTP; each client works in a company of its own. */
  private double commands() throws Exception {
    List<UUID> companies = new ArrayList<>();
    List<List<String>> accounts = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      UUID company = UUID.randomUUID();
      companies.add(company);
      List<String> ids = new ArrayList<>();
      for (int a = 0; a < 10; a++) {
        ids.add(stack.create(company, "warm-up " + a).get("id").asText());
      }
      accounts.add(ids);
    }
    AtomicLong creates = new AtomicLong();
    AtomicLong client = new AtomicLong();
    Load load =
        Load.run(
            clients,
            warmup,
            duration,
            () -> {
              int mine = (int) client.getAndIncrement();
              UUID company = companies.get(mine);
              List<String> ids = accounts.get(mine);
              return measured -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextInt(5) == 0) {
                  ids.add(stack.create(company, "account " + random.nextInt()).get("id").asText());
                  if (measured) {
                    creates.incrementAndGet();
                  }
                  return true;
                }
                String id = ids.get(random.nextInt(ids.size()));
                return stack.rename(company, id, "renamed " + random.nextInt()).statusCode() == 200;
              };
            });
    System.out.println(
        "Commands (20 % creates, 80 % edits): "
            + load.describe("commands")
            + ", "
            + creates
            + " creates");
    summary.put(
        "commands/s over HTTP (20/80 create/edit, " + clients + " clients)",
        String.format(Locale.ROOT, "%.0f; latency %s", load.perSecond(), load.latencies.summary()));
    return load.perSecond();
  }

  /**
   * At {@code rate} edits/s in all: from an edit's 2xx to the query API showing it. The read asks
   * for the version the edit answered ({@code minVersion}); query-service answers as soon as its
   * projection holds it, so the read's duration is the visibility lag plus one local round trip.
   * Every {@code lagProbeEvery}-th edit of each client is read back: the load is the edits at the
   * asked rate, and the probe's reads add to it as little as a sample allows. query-service's own
   * timers cover every edit.
   */
  private void visibilityLag(double rate) throws Exception {
    UUID company = UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ids.add(stack.create(company, "lag " + i).get("id").asText());
    }
    Latencies lag = new Latencies();
    AtomicLong late = new AtomicLong();
    Delays delays = new Delays();
    AtomicLong client = new AtomicLong();
    Load load =
        Load.run(
            clients,
            warmup,
            duration,
            rate / clients,
            () -> {
              String id = ids.get((int) client.getAndIncrement());
              AtomicLong edits = new AtomicLong();
              return measured -> {
                Stack.Reply edit = stack.rename(company, id, "lag " + System.nanoTime());
                if (edit.statusCode() != 200) {
                  return false;
                }
                if (edits.incrementAndGet() % lagProbeEvery != 0) {
                  return true;
                }
                long acknowledged = System.nanoTime();
                Stack.Reply read =
                    stack.get(
                        stack.query,
                        company,
                        "/companies/"
                            + company
                            + "/service-accounts/"
                            + id
                            + "?minVersion="
                            + Stack.version(edit));
                if (read.statusCode() != 200) {
                  if (measured) {
                    late.incrementAndGet();
                  }
                  return false;
                }
                if (measured) {
                  lag.add(System.nanoTime() - acknowledged);
                }
                return true;
              };
            });
    System.out.printf(
        Locale.ROOT,
        "Visibility lag, where it goes (query-service's timers, means over the whole phase):"
            + " stored → sent to Kafka %.1f ms, stored → visible %.1f ms%n",
        delays.until("published"),
        delays.until("visible"));
    System.out.printf(
        Locale.ROOT,
        "Visibility lag at %.0f edits/s (50 %% of the maximum), %s read back: %s;"
            + " %d not visible within 2 s; %s%n",
        rate,
        probedEdits(),
        lag.summary(),
        late.get(),
        load.describe("edits"));
    summary.put(
        String.format(
            Locale.ROOT,
            "visibility lag, 2xx → visible in the query API, at %.0f edits/s asked, %.0f achieved"
                + " (%s read back)",
            rate,
            load.perSecond(),
            probedEdits()),
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (targets p50 ≤ 20, p99 ≤ 100); %d later than 2 s",
            lag.millis(50),
            lag.millis(95),
            lag.millis(99),
            late.get()));
  }

  /**
   * Waits until the stack's processes together use less than 0.3 of a core over 5 s, or {@code
   * atMost} has passed.
   */
  private static void awaitQuiet(Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long giveUp = start + atMost.toNanos();
    double cores;
    do {
      Map<String, Long> before = StackProcesses.cpuMillis();
      Thread.sleep(5_000);
      Map<String, Long> used = StackProcesses.cpuMillisSince(before);
      used.remove("bench");
      cores = used.values().stream().mapToLong(Long::longValue).sum() / 5_000.0;
    } while (cores >= 0.3 && System.nanoTime() < giveUp);
    System.out.printf(
        Locale.ROOT,
        "Stack quiet after %.0f s (%.2f cores busy over the last 5 s)%n",
        (System.nanoTime() - start) / 1e9,
        cores);
  }

  /** Which edits the lag phase reads back: "every edit", "one edit in 4". */
  private String probedEdits() {
    return lagProbeEvery == 1 ? "every edit" : "one edit in " + lagProbeEvery;
  }

  /** The means of query-service's event delay timers since this was made. */
  private final class Delays {

    private static final String TIMER = "service_accounts_events_delay";
    private final Map<String, double[]> before = new LinkedHashMap<>();

    Delays() throws Exception {
      for (String until : List.of("published", "visible")) {
        before.put(until, stack.timer(stack.query, TIMER, "until=\"" + until + "\""));
      }
    }

    double until(String until) throws Exception {
      double[] now = stack.timer(stack.query, TIMER, "until=\"" + until + "\"");
      double[] then = before.get(until);
      return (now[0] - then[0]) * 1000 / Math.max(1, now[1] - then[1]);
    }
  }

  /** Client-credentials token requests with one account's secret. */
  private void tokens() throws Exception {
    UUID company = UUID.randomUUID();
    JsonNode account = stack.create(company, "token bench");
    String clientId = account.get("clientId").asText();
    String secret = account.get("clientSecret").asText();
    Callable<Stack.Reply> request = () -> stack.token(clientId, secret);
    Instant deadline = Instant.now().plusSeconds(60);
    while (request.call().statusCode() != 200) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("token-service did not learn the new account within 60 s");
      }
      Thread.sleep(100);
    }
    Load load =
        Load.run(clients, warmup, duration, () -> measured -> request.call().statusCode() == 200);
    System.out.println("Tokens: " + load.describe("tokens"));
    summary.put(
        "tokens/s (client_credentials, " + clients + " clients)",
        String.format(Locale.ROOT, "%.0f; latency %s", load.perSecond(), load.latencies.summary()));
  }

  /**
   * A million events of one company in the event store (an account's five real events, cloned by
   * SQL with new ids and company sequence numbers), then: how fast the live path (publisher → Kafka
   * → query-service) takes them in; how fast a rebuild replays them from the event store; and the
   * audit queries over the million entries that makes.
   */
  /**
   * How soon a secret works: from the response of a create, and of a rotation, to the first token
   * that secret gets ({@link SecretUsability}).
   */
  private void secrets() throws Exception {
    UUID company = UUID.randomUUID();
    SecretUsability.Result result =
        SecretUsability.measure(
            secretRounds,
            new SecretUsability.Operations() {
              @Override
              public SecretUsability.Credentials create() throws Exception {
                JsonNode account = stack.create(company, "secret bench " + UUID.randomUUID());
                return new SecretUsability.Credentials(
                    account.get("id").asText(),
                    account.get("clientId").asText(),
                    account.get("clientSecret").asText());
              }

              @Override
              public SecretUsability.Credentials rotate(SecretUsability.Credentials account)
                  throws Exception {
                return new SecretUsability.Credentials(
                    account.accountId(),
                    account.clientId(),
                    stack.rotate(company, account.accountId()));
              }

              @Override
              public boolean token(SecretUsability.Credentials credentials) throws Exception {
                return stack.token(credentials.clientId(), credentials.secret()).statusCode()
                    == 200;
              }
            });
    System.out.println("Secrets (" + secretRounds + " rounds): " + result.describe());
    summary.put(
        "create → first token (" + secretRounds + " accounts)",
        result.created().summary() + "; " + result.refusedAfterCreate() + " requests refused");
    summary.put(
        "rotate → first token with the new secret (" + secretRounds + " rotations)",
        result.rotated().summary() + "; " + result.refusedAfterRotate() + " requests refused");
  }

  private void replayAndAudit() throws Exception {
    UUID company = UUID.randomUUID();
    JsonNode template = stack.create(company, "replay template");
    String templateId = template.get("id").asText();
    for (int edit = 1; edit <= 4; edit++) {
      stack.rename(company, templateId, "replay template " + edit);
    }
    int clones = replayEvents / 5 - 1;
    long total = 5L * (clones + 1);
    awaitAuditHead(company, 5, Duration.ofSeconds(60));

    System.out.printf(
        "Seeding %d events (%d accounts) of company %s ...%n", total, clones + 1, company);
    long seedStart = System.nanoTime();
    int batch = 20_000;
    try (Connection connection = stack.database("command_service")) {
      for (int from = 1; from <= clones; from += batch) {
        int to = Math.min(clones, from + batch - 1);
        try (PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                    metadata, payload, payloadrevision, payloadtype, timestamp)
                SELECT clone.id, t.sequencenumber, t.type, gen_random_uuid()::text,
                    convert_to(regexp_replace(convert_from(t.metadata, 'UTF8'),
                        '("companySequence"\\s*:\\s*)[0-9]+', '\\1' || (5 * clone.n + t.sequencenumber + 1)), 'UTF8'),
                    convert_to(replace(replace(convert_from(t.payload, 'UTF8'), ?, clone.id), ?,
                        'sa_bench' || clone.n), 'UTF8'),
                    t.payloadrevision, t.payloadtype, t.timestamp
                FROM generate_series(?, ?) AS n
                CROSS JOIN LATERAL (SELECT n, md5(?::text || n)::uuid::text AS id) AS clone
                JOIN domainevententry t ON t.aggregateidentifier = ?
                ORDER BY clone.n, t.sequencenumber
                """)) {
          insert.setString(1, templateId);
          insert.setString(2, template.get("clientId").asText());
          insert.setInt(3, from);
          insert.setInt(4, to);
          insert.setString(5, company.toString());
          insert.setString(6, templateId);
          insert.executeUpdate();
        }
      }
      try (PreparedStatement sequence =
          connection.prepareStatement(
              "UPDATE company_event_sequence SET last = ? WHERE company_id = ?")) {
        sequence.setLong(1, total);
        sequence.setObject(2, company);
        sequence.executeUpdate();
      }
    }
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    System.out.printf(Locale.ROOT, "Seeded in %.1f s%n", seedSeconds);

    // The live path for a minute: how many of the seeded events it projects per second.
    long before = auditHead(company);
    long liveStart = System.nanoTime();
    Thread.sleep(LIVE_WINDOW.toMillis());
    long projected = auditHead(company) - before;
    double liveRate = projected / ((System.nanoTime() - liveStart) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "Live path (publisher → Kafka → query-service projections), one minute of the backlog:"
            + " %d events = %.0f events/s%n",
        projected,
        liveRate);
    summary.put(
        "live path catch-up: stored → published → consumed → projected (listing + audit)",
        String.format(
            Locale.ROOT,
            "%.0f events/s over %d s of a backlog of %d",
            liveRate,
            LIVE_WINDOW.toSeconds(),
            total));

    // The replay is timed once the live path has taken in the whole backlog and the stack is
    // quiet (query-service's and token-service's consumers read the million events too): what a
    // rebuild of a million events costs, not what is left of two cores beside a catch-up.
    awaitAuditHead(company, total, Duration.ofMinutes(30));
    awaitQuiet(Duration.ofMinutes(20));
    rebuild();
    // The audit queries likewise, once the live consumer has resumed after the switch.
    awaitQuiet(Duration.ofMinutes(5));
    audit(company, total);
  }

  private void rebuild() throws Exception {
    String operator = stack.operator();
    URI projections = stack.query.resolve("/actuator/projections");
    Stack.Reply started = stack.send("POST", projections, operator, null, null);
    if (started.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "rebuild answered " + started.statusCode() + ": " + started.body());
    }
    JsonNode status;
    do {
      Thread.sleep(1000);
      status = Stack.JSON.readTree(stack.send("GET", projections, operator, null, null).body());
    } while (status.path("state").asText().equals("RUNNING"));
    System.out.println("Rebuild: " + status);
    summary.put(
        "replay: projections rebuilt from the event store",
        String.format(
            Locale.ROOT,
            "%.0f events/s (%d events; target ≥ 20,000)",
            status.path("eventsPerSecond").asDouble(),
            status.path("eventsApplied").asLong()));
  }

  /** Filtered 100-row pages of the company's audit trail, with all its entries present. */
  private void audit(UUID company, long entries) throws Exception {
    String base = "/companies/" + company + "/audit?limit=100";
    List<String> queries =
        List.of(
            base + "&type=ServiceAccountEdited",
            base + "&type=ServiceAccountCreated&actor=user:bench@localhost",
            base + "&accountId=" + UUID.nameUUIDFromBytes(new byte[0]),
            base + "&from=" + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now(),
            base);
    for (int i = 0; i < 20; i++) {
      stack.get(stack.query, company, queries.get(i % queries.size()));
    }
    Latencies latencies = new Latencies();
    int failed = 0;
    for (int i = 0; i < 500; i++) {
      String query = queries.get(i % queries.size());
      long sent = System.nanoTime();
      Stack.Reply page = stack.get(stack.query, company, query);
      if (page.statusCode() == 200) {
        latencies.add(System.nanoTime() - sent);
      } else {
        failed++;
      }
    }
    System.out.printf(
        "Audit queries over %d entries: %s; %d failed%n", entries, latencies.summary(), failed);
    summary.put(
        "audit query: filtered 100-row page, " + entries + " entries in the company",
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p99 %.1f ms (target p99 ≤ 50)",
            latencies.millis(50),
            latencies.millis(99)));
  }

  private long auditHead(UUID company) throws Exception {
    try (Connection connection = stack.database("query_service");
        PreparedStatement head =
            connection.prepareStatement(
                "SELECT company_sequence FROM audit_chain_head WHERE company_id = ?")) {
      head.setObject(1, company);
      try (ResultSet row = head.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private void awaitAuditHead(UUID company, long sequence, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    long last = -1;
    Instant lastReport = Instant.now();
    try (Connection connection = stack.database("query_service");
        PreparedStatement head =
            connection.prepareStatement(
                "SELECT company_sequence FROM audit_chain_head WHERE company_id = ?")) {
      head.setObject(1, company);
      while (true) {
        try (ResultSet row = head.executeQuery()) {
          last = row.next() ? row.getLong(1) : 0;
        }
        if (last >= sequence) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "query-service reached " + last + " of " + sequence + " within " + timeout);
        }
        if (Duration.between(lastReport, Instant.now()).toSeconds() >= 15) {
          System.out.printf("  ... projected %d of %d%n", last, sequence);
          lastReport = Instant.now();
        }
        Thread.sleep(200);
      }
    }
  }

  /** Clients running one operation in a loop for a while; counts successes and their latencies. */
  static final class Load {

    interface Operation {
      /** One operation; {@code measured} is false while warming up. */
      boolean call(boolean measured) throws Exception;
    }

    interface Client {
      Operation open() throws Exception;
    }

    final Latencies latencies = new Latencies();
    final AtomicLong failed = new AtomicLong();
    double seconds;
    private final Map<String, Long> cpuMillis = new LinkedHashMap<>();

    /**
     * The clients' operations for {@code warmup} and then {@code duration}; only the second part is
     * measured, when the JVMs have compiled the paths the operations take.
     */
    static Load run(int clients, Duration warmup, Duration duration, Client client)
        throws Exception {
      return run(clients, warmup, duration, 0, client);
    }

    /**
     * As {@link #run(int, Duration, Duration, Client)}, each client starting an operation every
     * {@code 1 / perClientRate} seconds (0: as fast as it can); an operation's latency is from its
     * start, not from when its turn came. The clients' turns are spread evenly over the interval,
     * so that the operations arrive at the asked rate and not in bursts of one per client.
     */
    static Load run(
        int clients, Duration warmup, Duration duration, double perClientRate, Client client)
        throws Exception {
      long intervalNanos = perClientRate > 0 ? (long) (1e9 / perClientRate) : 0;
      Load load = new Load();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long opened = System.nanoTime();
      long start = opened + warmup.toNanos();
      long end = start + duration.toNanos();
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        long firstTurn = opened + intervalNanos * i / clients;
        workers.add(
            pool.submit(
                () -> {
                  Operation operation = client.open();
                  long next = firstTurn;
                  while (System.nanoTime() < end) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long sent = System.nanoTime();
                    if (sent - next > intervalNanos) {
                      // Held up for more than a turn (the compilers after a start, a pause): the
                      // turns missed are dropped, not made up in a burst above the asked rate.
                      next = sent;
                    }
                    next += intervalNanos;
                    boolean ok;
                    try {
                      ok = operation.call(sent >= start);
                    } catch (Exception e) {
                      ok = false;
                    }
                    if (sent < start) {
                      continue;
                    }
                    if (ok) {
                      load.latencies.add(System.nanoTime() - sent);
                    } else {
                      load.failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      Thread.sleep(Math.max(0, (start - System.nanoTime()) / 1_000_000));
      Map<String, Long> cpuBefore = StackProcesses.cpuMillis();
      for (Future<?> worker : workers) {
        worker.get();
      }
      load.seconds = (System.nanoTime() - start) / 1e9;
      load.cpuMillis.putAll(StackProcesses.cpuMillisSince(cpuBefore));
      pool.shutdown();
      return load;
    }

    double perSecond() {
      return latencies.count() / seconds;
    }

    String describe(String what) {
      return String.format(
          Locale.ROOT,
          "%d %s in %.1f s = %.0f/s, latency %s, %d failed; %s",
          latencies.count(),
          what,
          seconds,
          perSecond(),
          latencies.summary(),
          failed.get(),
          cpu());
    }

    /**
     * The CPU time each process used during the load, per successful operation and as cores (CPU
     * seconds per second): where the work went.
     */
    String cpu() {
      long operations = Math.max(1, latencies.count());
      StringBuilder text = new StringBuilder("CPU per operation (cores busy):");
      cpuMillis.forEach(
          (process, ms) ->
              text.append(
                  String.format(
                      Locale.ROOT,
                      " %s %.2f ms (%.2f)",
                      process,
                      (double) ms / operations,
                      ms / 1000.0 / seconds)));
      return text.toString();
    }
  }
}
