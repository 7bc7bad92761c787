package com.serviceaccounts.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

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

  /**
   * The clients' operations for {@code warmup} and then {@code duration}; only the second part is
   * measured, when the JVMs have compiled the paths the operations take.
   */
  static Load run(int clients, Duration warmup, Duration duration, Client client) throws Exception {
    return run(clients, warmup, duration, 0, client);
  }

  /**
   * As {@link #run(int, Duration, Duration, Client)}, each client starting an operation every
   * {@code 1 / perClientRate} seconds (0: as fast as it can); an operation's latency is from its
   * start, not from when its turn came. The clients' turns are spread evenly over the interval, so
   * that the operations arrive at the asked rate and not in bursts of one per client.
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
