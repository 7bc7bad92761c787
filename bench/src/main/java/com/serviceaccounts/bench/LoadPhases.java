package com.serviceaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load phases measured over HTTP and JDBC: PostgreSQL's append ceiling, commands, token
 * requests, and how soon a new secret works. Each prints its figures and adds them to the summary.
 */
final class LoadPhases {

  private static final Duration BASELINE_WARMUP = Duration.ofSeconds(30);

  private final Stack stack;
  private final int clients;
  private final Duration warmup;
  private final Duration duration;
  private final Map<String, String> summary;
  private final int secretRounds;

  LoadPhases(Stack stack, Options options, Map<String, String> summary) {
    this.stack = stack;
    this.clients = options.clients;
    this.warmup = options.warmup();
    this.duration = options.duration();
    this.summary = summary;
    this.secretRounds = Math.max(1, options.secretRounds);
  }

  /** The clients' operations as fast as they go, the stack's CPU time measured. */
  private Load run(Duration warmup, Load.Client client) throws Exception {
    return Load.run(clients, warmup, duration, 0, stack.processes::cpuMillis, client);
  }

  /**
   * Single-row inserts, each its own commit, by as many clients: PostgreSQL's append ceiling. The
   * warm-up is at most {@link #BASELINE_WARMUP}: the JDBC loop has little to compile, and each
   * second of it adds about 35 MB to the table. The table is dropped afterwards, so that the other
   * phases do not share the database with its vacuum and checkpoints.
   */
  double baseline() throws Exception {
    try (Connection connection = stack.database("command_service");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS bench_baseline"
              + " (id bigserial PRIMARY KEY, account uuid NOT NULL, payload bytea NOT NULL)");
    }
    byte[] payload = "x".repeat(600).getBytes(StandardCharsets.UTF_8);
    Load load =
        run(
            warmup.compareTo(BASELINE_WARMUP) < 0 ? warmup : BASELINE_WARMUP,
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
  double commands() throws Exception {
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
        run(
            warmup,
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

  /** Client-credentials token requests with one account's secret. */
  void tokens() throws Exception {
    UUID company = UUID.randomUUID();
    JsonNode account = stack.create(company, "token bench");
    String clientId = account.get("clientId").asText();
    String secret = account.get("clientSecret").asText();
    Callable<Http.Reply> request = () -> stack.token(clientId, secret);
    Instant deadline = Instant.now().plusSeconds(60);
    while (request.call().statusCode() != 200) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("token-service did not learn the new account within 60 s");
      }
      Thread.sleep(100);
    }
    Load load = run(warmup, () -> measured -> request.call().statusCode() == 200);
    System.out.println("Tokens: " + load.describe("tokens"));
    summary.put(
        "tokens/s (client_credentials, " + clients + " clients)",
        String.format(Locale.ROOT, "%.0f; latency %s", load.perSecond(), load.latencies.summary()));
  }

  /**
   * How soon a secret works: from the response of a create, and of a rotation, to the first token
   * that secret gets ({@link SecretUsability}).
   */
  void secrets() throws Exception {
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
}
