package com.serviceaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resident set size of the local stack's processes ({@link ProcessTree#localStack}, by name),
 * from {@code /proc/<pid>/status}, sampled in the background for each one's peak; and the readers
 * of a process's CPU time ({@code /proc/<pid>/stat}) and resident set size.
 */
final class StackProcesses implements AutoCloseable {

  private final ProcessTree processes;
  private final Map<String, Long> peaks = new ConcurrentHashMap<>();
  private volatile boolean sampling;
  private Thread sampler;

  StackProcesses(ProcessTree processes) {
    this.processes = processes;
  }

  /** Each named part's RSS now, in MiB. */
  Map<String, Long> now() {
    Map<String, Long> rss = new LinkedHashMap<>();
    processes.rssKib().forEach((name, kib) -> rss.put(name, kib / 1024));
    return rss;
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

  static Optional<Long> rssKib(long pid) {
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
