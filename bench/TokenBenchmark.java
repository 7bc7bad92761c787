import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a running token-service: client-credentials token requests (client_secret_basic) from a
 * few concurrent clients for a while, after a warm-up; prints tokens/s and latency percentiles.
 *
 * <pre>
 * java bench/TokenBenchmark.java --url=http://127.0.0.1:8082 --client-id=sa_… --client-secret=sas_…
 *      [--threads=8] [--seconds=20] [--warmup-seconds=5]
 * </pre>
 *
 * Plain JDK, run as a single source file; the secret is read from the command line or from
 * TOKEN_BENCHMARK_SECRET and never printed.
 */
public final class TokenBenchmark {

  public static void main(String[] args) throws Exception {
    String url = option(args, "url", "http://127.0.0.1:8082");
    String clientId = option(args, "client-id", null);
    String secret = option(args, "client-secret", System.getenv("TOKEN_BENCHMARK_SECRET"));
    int threads = Integer.parseInt(option(args, "threads", "8"));
    int seconds = Integer.parseInt(option(args, "seconds", "20"));
    int warmup = Integer.parseInt(option(args, "warmup-seconds", "5"));
    if (clientId == null || secret == null) {
      System.err.println(
          "usage: java bench/TokenBenchmark.java --url=… --client-id=… --client-secret=…"
              + " [--threads=8] [--seconds=20] [--warmup-seconds=5]");
      System.exit(2);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .timeout(Duration.ofSeconds(10))
            .build();

    run(http, request, threads, Duration.ofSeconds(warmup));
    Result result = run(http, request, threads, Duration.ofSeconds(seconds));

    List<Long> latencies = result.latenciesMicros;
    Collections.sort(latencies);
    System.out.printf(
        "%d tokens in %.1f s with %d threads: %.0f tokens/s; latency p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms; %d failed%n",
        latencies.size(),
        result.elapsed.toMillis() / 1000.0,
        threads,
        latencies.size() / (result.elapsed.toNanos() / 1e9),
        percentile(latencies, 50) / 1000.0,
        percentile(latencies, 99) / 1000.0,
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000.0,
        result.failures);
  }

  private static Result run(HttpClient http, HttpRequest request, int threads, Duration duration)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    long started = System.nanoTime();
    List<Future<List<Long>>> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long sent = System.nanoTime();
                  HttpResponse<String> response =
                      http.send(request, HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() == 200) {
                    mine.add((System.nanoTime() - sent) / 1000);
                  } else {
                    failures.incrementAndGet();
                  }
                }
                return mine;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> worker : workers) {
      all.addAll(worker.get());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    pool.shutdown();
    return new Result(all, elapsed, failures.get());
  }

  private static double percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static String option(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return fallback;
  }

  private record Result(List<Long> latenciesMicros, Duration elapsed, long failures) {}
}
