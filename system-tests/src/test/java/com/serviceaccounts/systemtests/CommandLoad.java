package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that create and edit service accounts of one company, each sending its next command as
 * soon as the last one is answered: one in five creates an account, the others rename one of the
 * accounts that client created (every rename a new name, so an acknowledged edit is exactly one
 * event). Each client sends to the command-service instances in turn. Every answer is tallied:
 * acknowledged (2xx, with the account and version it names), refused (4xx, by status) or failed (no
 * answer, or 5xx).
 */
final class CommandLoad implements AutoCloseable {

  /** After a failure, so that the clients of an instance that is down do not spin. */
  private static final long PAUSE_AFTER_FAILURE_MILLIS = 200;

  private static final Duration PROGRESS_WITHIN = Duration.ofMinutes(3);

  private final CompanyClient client;
  private final ExecutorService threads;
  private final List<Future<?>> clients = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final Set<AccountVersion> acknowledged = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<Integer, AtomicLong> refused = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicLong> failed = new ConcurrentHashMap<>();
  private volatile List<URI> commandServices;
  private volatile boolean running = true;

  /** An event the event store should hold: the account and the version a 2xx answered. */
  record AccountVersion(String accountId, long version) {}

  /**
   * What the clients sent and were answered.
   *
   * @param failed by reason: the exception's class, or the 5xx status
   */
  record Tally(
      long sent,
      Set<AccountVersion> acknowledged,
      Map<Integer, Long> refused,
      Map<String, Long> failed) {

    long failedCount() {
      return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      return String.format(
          "sent %d, acknowledged %d, refused %s, failed %d %s",
          sent, acknowledged.size(), refused, failedCount(), failed);
    }
  }

  private CommandLoad(CompanyClient client, List<URI> commandServices, int clientCount) {
    this.client = client;
    this.commandServices = List.copyOf(commandServices);
    this.threads = Executors.newFixedThreadPool(clientCount);
    for (int number = 0; number < clientCount; number++) {
      int me = number;
      clients.add(threads.submit(() -> run(me)));
    }
  }

  /** Starts {@code clientCount} clients sending to the command-service instances given. */
  static CommandLoad start(CompanyClient client, List<URI> commandServices, int clientCount) {
    return new CommandLoad(client, commandServices, clientCount);
  }

  /**
   * From the next request on, sends only to these instances, as a load balancer does once its
   * health check finds an instance gone.
   */
  void sendTo(List<URI> instances) {
    commandServices = List.copyOf(instances);
  }

  long acknowledgedCount() {
    return acknowledged.size();
  }

  /**
   * Lets the clients run for {@code period}, and then until at least {@code more} commands beyond
   * those acknowledged before it are.
   */
  void runFor(Duration period, int more) throws InterruptedException {
    long before = acknowledged.size();
    Thread.sleep(period.toMillis());
    awaitAcknowledged(before + more);
  }

  /** Waits until {@code total} commands in all are acknowledged. */
  void awaitAcknowledged(long total) {
    await()
        .atMost(PROGRESS_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              rethrowIfAClientDied();
              return acknowledged.size() >= total;
            });
  }

  /** Stops the clients once their commands in flight are answered, and tallies the answers. */
  Tally stop() throws InterruptedException, ExecutionException, TimeoutException {
    running = false;
    for (Future<?> clientRun : clients) {
      clientRun.get(2, TimeUnit.MINUTES);
    }
    threads.shutdown();
    return new Tally(sent.get(), Set.copyOf(acknowledged), counts(refused), counts(failed));
  }

  @Override
  public void close() {
    running = false;
    threads.shutdownNow();
  }

  private Void run(int me) throws InterruptedException, IOException {
    Random random = new Random(me);
    List<String> mine = new ArrayList<>();
    for (long request = 0; running; request++) {
      List<URI> instances = commandServices;
      URI service = instances.get((int) ((me + request) % instances.size()));
      boolean create = mine.isEmpty() || random.nextInt(5) == 0;
      sent.incrementAndGet();
      HttpResponse<String> answer;
      try {
        answer =
            create
                ? client.command(
                    service,
                    "POST",
                    client.accounts(),
                    CompanyClient.newAccount("Load " + me + "." + request, "CUSTOM", null))
                : client.command(
                    service,
                    "PATCH",
                    client.accounts() + "/" + mine.get(random.nextInt(mine.size())),
                    Map.of("name", "Load " + me + "." + request));
      } catch (IOException e) {
        failed(e.getClass().getSimpleName());
        continue;
      }
      int status = answer.statusCode();
      if (status / 100 == 2) {
        JsonNode body = JSON.readTree(answer.body());
        String id = body.get("id").asText();
        acknowledged.add(new AccountVersion(id, body.get("version").asLong()));
        if (create) {
          mine.add(id);
        }
      } else if (status / 100 == 4) {
        refused.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
      } else {
        failed(String.valueOf(status));
      }
    }
    return null;
  }

  private void failed(String reason) throws InterruptedException {
    failed.computeIfAbsent(reason, key -> new AtomicLong()).incrementAndGet();
    Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
  }

  private void rethrowIfAClientDied() throws InterruptedException, ExecutionException {
    for (Future<?> clientRun : clients) {
      if (clientRun.isDone()) {
        clientRun.get();
        throw new IllegalStateException("a load client stopped by itself");
      }
    }
  }

  private static <K extends Comparable<K>> Map<K, Long> counts(Map<K, AtomicLong> counters) {
    Map<K, Long> counts = new TreeMap<>();
    counters.forEach((key, count) -> counts.put(key, count.get()));
    return counts;
  }
}
