package com.serviceaccounts.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the peer comparison measured of one system, as cells of the comparison table. */
final class Figures {

  private static final ComparisonTable.Cell NOT_MEASURED =
      ComparisonTable.Cell.missing("not measured");

  final String system;
  final Map<String, ComparisonTable.Cell> cells = new LinkedHashMap<>();
  private ComparisonTable.Cell absent = NOT_MEASURED;

  Figures(String system) {
    this.system = system;
  }

  /** The system was not measured at all, for this reason. */
  void skipped(String why) {
    absent = ComparisonTable.Cell.missing(why);
  }

  ComparisonTable.Cell cell(String measure) {
    return cells.getOrDefault(measure, absent);
  }

  void time(String measure, Duration time) {
    double seconds = time.toMillis() / 1000.0;
    cells.put(measure, new ComparisonTable.Cell(seconds, format("%.1f s", seconds)));
  }

  void memory(String measure, Map<String, Long> kibByProcess) {
    long mib = kibByProcess.values().stream().mapToLong(Long::longValue).sum() / 1024;
    StringBuilder parts = new StringBuilder();
    kibByProcess.forEach(
        (process, kib) ->
            parts
                .append(parts.isEmpty() ? "" : ", ")
                .append(process)
                .append(' ')
                .append(kib / 1024));
    cells.put(
        measure,
        new ComparisonTable.Cell(
            mib,
            kibByProcess.size() > 1 ? format("%,d MiB (%s)", mib, parts) : format("%,d MiB", mib)));
  }

  /** A load phase: its throughput, p99 latency and CPU per operation, each a measure. */
  void load(String measure, Load load) {
    double perSecond = load.medianPerSecond();
    cells.put(
        measure,
        new ComparisonTable.Cell(
            perSecond,
            format(
                "%,.0f/s (mean %,.0f/s, p50 %.1f ms%s)",
                perSecond,
                load.perSecond(),
                load.latencies.millis(50),
                load.failed.get() == 0 ? "" : format(", %d failed", load.failed.get()))));
    double p99 = load.latencies.millis(99);
    cells.put(p99(measure), new ComparisonTable.Cell(p99, format("%.1f ms", p99)));
    double cpu = load.cpuMillisPerOperation(process -> !process.equals(ProcessTree.LOAD_GENERATOR));
    cells.put(cpu(measure), new ComparisonTable.Cell(cpu, format("%.2f ms", cpu)));
  }

  /** A load phase the system cannot run, and why. */
  void missingLoad(String measure, String why) {
    for (String each : new String[] {measure, p99(measure), cpu(measure)}) {
      cells.put(each, ComparisonTable.Cell.missing(why));
    }
  }

  static String p99(String measure) {
    return measure + ": p99 latency";
  }

  static String cpu(String measure) {
    return measure + ": CPU per operation, whole system";
  }

  private static String format(String format, Object... arguments) {
    return String.format(Locale.ROOT, format, arguments);
  }
}
