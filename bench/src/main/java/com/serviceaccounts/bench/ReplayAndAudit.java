package com.serviceaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A million events of one company in the event store (an account's five real events, cloned by SQL
 * with new ids and company sequence numbers), then: how fast the live path (publisher → Kafka →
 * query-service) takes them in; how fast a rebuild replays them from the event store; and the audit
 * queries over the million entries that makes.
 */
final class ReplayAndAudit {

  private static final Duration LIVE_WINDOW = Duration.ofSeconds(60);

  private final Stack stack;
  private final int replayEvents;
  private final Map<String, String> summary;

  ReplayAndAudit(Stack stack, Options options, Map<String, String> summary) {
    this.stack = stack;
    this.replayEvents = options.replayEvents;
    this.summary = summary;
  }

  void run() throws Exception {
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
    Http.Reply started = stack.send("POST", projections, operator, null, null);
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
      Http.Reply page = stack.get(stack.query, company, query);
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

  /**
   * Waits until the stack's processes together use less than 0.3 of a core over 5 s, or {@code
   * atMost} has passed.
   */
  private void awaitQuiet(Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    long giveUp = start + atMost.toNanos();
    double cores;
    do {
      long before = stackCpuMillis();
      Thread.sleep(5_000);
      cores = (stackCpuMillis() - before) / 5_000.0;
    } while (cores >= 0.3 && System.nanoTime() < giveUp);
    System.out.printf(
        Locale.ROOT,
        "Stack quiet after %.0f s (%.2f cores busy over the last 5 s)%n",
        (System.nanoTime() - start) / 1e9,
        cores);
  }

  /** The CPU time the stack's processes have used so far, in ms; the load generator's not. */
  private long stackCpuMillis() {
    Map<String, Long> cpu = stack.processes.cpuMillis();
    cpu.remove(ProcessTree.LOAD_GENERATOR);
    return cpu.values().stream().mapToLong(Long::longValue).sum();
  }
}
