package com.serviceaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes of the stack, found by the jar their command line runs (PostgreSQL by its
 * executable): the resident set size of each, from {@code /proc/<pid>/status}, sampled in the
 * background for each process's peak; and the CPU time each has used, from {@code
 * /proc/<pid>/stat}.
 */
final class StackProcesses implements AutoCloseable {

  static final Map<String, String> JARS = new LinkedHashMap<>();

  static {
    JARS.put("command-service", "command-service.jar");
    JARS.put("query-service", "query-service.jar");
    JARS.put("token-service", "token-service.jar");
    JARS.put("web-ui", "web-ui.jar");
    JARS.put("local-stack (PostgreSQL + Kafka launcher JVM)", "local-stack.jar");
  }

  private final Map<String, Long> peaks = new ConcurrentHashMap<>();
  private volatile boolean sampling;
  private Thread sampler;

  /** Each process's RSS now, in MiB. */
  static Map<String, Long> now() {
    Map<String, Long> rss = new LinkedHashMap<>();
    JARS.forEach(
        (name, jar) ->
            pid(jar).flatMap(StackProcesses::rssKib).ifPresent(kib -> rss.put(name, kib / 1024)));
    postgresTotalKib().ifPresent(kib -> rss.put("PostgreSQL (all its processes)", kib / 1024));
    return rss;
  }

  /**
   * The CPU time (user + system) each process has used so far, in milliseconds, PostgreSQL summed
   * over its processes; the load's generator, this JVM, as {@code bench}.
   */
  static Map<String, Long> cpuMillis() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    JARS.forEach(
        (name, jar) ->
            pid(jar).flatMap(StackProcesses::cpuMillis).ifPresent(ms -> cpu.put(name, ms)));
    cpu.put(
        "PostgreSQL",
        postgresPids()
            .map(StackProcesses::cpuMillis)
            .flatMap(Optional::stream)
            .mapToLong(Long::longValue)
            .sum());
    cpuMillis(ProcessHandle.current().pid()).ifPresent(ms -> cpu.put("bench", ms));
    return cpu;
  }

  /** The CPU time each process has used since {@code before} (an earlier {@link #cpuMillis()}). */
  static Map<String, Long> cpuMillisSince(Map<String, Long> before) {
    Map<String, Long> used = new LinkedHashMap<>();
    cpuMillis().forEach((process, ms) -> used.put(process, ms - before.getOrDefault(process, ms)));
    return used;
  }

  void startSampling() {
    sampling = true;
    sampler =
        new Thread(
            () -> {
              while (sampling) {
                now().forEach((name, mib) -> peaks.merge(name, mib, Math::max));
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The peaks seen while sampling, in MiB. */
  Map<String, Long> peaks() {
    return Map.copyOf(peaks);
  }

  @Override
  public void close() {
    sampling = false;
    if (sampler != null) {
      sampler.interrupt();
    }
  }

  /** The JVM running {@code jar}; a script that merely names the jar among its arguments is not. */
  private static Optional<Long> pid(String jar) {
    return ProcessHandle.allProcesses()
        .filter(
            process -> {
              ProcessHandle.Info info = process.info();
              return info.command().map(command -> command.endsWith("/java")).orElse(false)
                  && info.commandLine()
                      .map(line -> line.contains("/" + jar) || line.contains(" " + jar))
                      .orElse(false);
            })
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static Stream<Long> postgresPids() {
    return ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> command.endsWith("/postgres"))
                    .orElse(false))
        .map(ProcessHandle::pid);
  }

  private static Optional<Long> postgresTotalKib() {
    long total =
        postgresPids()
            .map(StackProcesses::rssKib)
            .flatMap(Optional::stream)
            .mapToLong(Long::longValue)
            .sum();
    return total == 0 ? Optional.empty() : Optional.of(total);
  }

  /**
   * utime + stime + cutime + cstime, fields 14 to 17 of {@code /proc/<pid>/stat}, in clock ticks of
   * 10 ms: the process's own CPU time and that of its children that have exited, so that
   * PostgreSQL's total does not drop when a backend ends (the postmaster collects its time).
   */
  static Optional<Long> cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = 0;
      for (int field = 11; field <= 14; field++) {
        ticks += Long.parseLong(fields[field]);
      }
      return Optional.of(ticks * 10);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended meanwhile
    }
    return Optional.empty();
  }
}
