package com.serviceaccounts.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Clients running one operation in a loop for a while; counts successes and their latencies. */
final class Load {

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

  /** Operations completed in each whole second of the measured part. */
  private final AtomicLongArray perWholeSecond;

  private Load(Duration duration) {
    perWholeSecond = new AtomicLongArray((int) duration.toSeconds());
  }

  /**
   * The clients' operations for {@code warmup} and then {@code duration}; only the second part is
   * measured, when the JVMs have compiled the paths the operations take. Each client starts an
   * operation every {@code 1 / perClientRate} seconds (0: as fast as it can); an operation's
   * latency is from its start, not from when its turn came. The clients' turns are spread evenly
   * over the interval, so that the operations arrive at the asked rate and not in bursts of one per
   * client. The CPU time of the system under load is read by {@code cpuMillis} (milliseconds used
   * so far, by process).
   */
  static Load run(
      int clients,
      Duration warmup,
      Duration duration,
      double perClientRate,
      Supplier<Map<String, Long>> cpuMillis,
      Client client)
      throws Exception {
    long intervalNanos = perClientRate > 0 ? (long) (1e9 / perClientRate) : 0;
    Load load = new Load(duration);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    // Each client's setup (accounts to edit, a connection) is done before the clock starts, so
    // that a slow setup does not eat the warm-up or the measured part.
    List<Operation> operations = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      operations.add(client.open());
    }
    long opened = System.nanoTime();
    long start = opened + warmup.toNanos();
    long end = start + duration.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      long firstTurn = opened + intervalNanos * i / clients;
      Operation operation = operations.get(i);
      workers.add(
          pool.submit(
              () -> {
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
                    long done = System.nanoTime();
                    load.latencies.add(done - sent);
                    load.countIn((int) ((done - start) / 1_000_000_000L));
                  } else {
                    load.failed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    Thread.sleep(Math.max(0, (start - System.nanoTime()) / 1_000_000));
    Map<String, Long> cpuBefore = cpuMillis.get();
    for (Future<?> worker : workers) {
      worker.get();
    }
    load.seconds = (System.nanoTime() - start) / 1e9;
    cpuMillis
        .get()
        .forEach(
            (process, ms) -> load.cpuMillis.put(process, ms - cpuBefore.getOrDefault(process, ms)));
    pool.shutdown();
    return load;
  }

  double perSecond() {
    return latencies.count() / seconds;
  }

  private void countIn(int second) {
    if (second >= 0 && second < perWholeSecond.length()) {
      perWholeSecond.incrementAndGet(second);
    }
  }

  /**
   * The median of the operations completed in each whole second measured; {@link #perSecond()} when
   * less than a second was measured.
   */
  double medianPerSecond() {
    int seconds = perWholeSecond.length();
    if (seconds == 0) {
      return perSecond();
    }
    long[] counts = new long[seconds];
    for (int second = 0; second < seconds; second++) {
      counts[second] = perWholeSecond.get(second);
    }
    Arrays.sort(counts);
    return seconds % 2 == 1
        ? counts[seconds / 2]
        : (counts[seconds / 2 - 1] + counts[seconds / 2]) / 2.0;
  }

  /** CPU time per successful operation, in milliseconds, over the processes {@code counted}. */
  double cpuMillisPerOperation(Predicate<String> counted) {
    long ms =
        cpuMillis.entrySet().stream()
            .filter(entry -> counted.test(entry.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return (double) ms / Math.max(1, latencies.count());
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
