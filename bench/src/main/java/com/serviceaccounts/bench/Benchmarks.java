package com.serviceaccounts.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * Every benchmark of {@code BENCHMARKS.md}, in one run against a running local stack, printing each
 * figure as it is measured and a summary table at the end. Nothing here asserts on time. {@code
 * java -jar bench/target/bench.jar --help} lists the options ({@link Options}).
 */
public final class Benchmarks {

  private final Options options;
  private final Stack stack;
  private final LoadPhases loadPhases;
  private final Map<String, String> summary = new LinkedHashMap<>();

  Benchmarks(Options options) {
    this.options = options;
    this.stack = new Stack(options);
    this.loadPhases = new LoadPhases(stack, options, summary);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Options()).execute(args));
  }

  void run() throws Exception {
    System.out.printf(
        "Benchmarks: %d clients, %d s per load phase, %d cores, Java %s%n%n",
        options.clients,
        options.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println("Load average before: " + loadAverage());
    Map<String, Long> idle = new StackProcesses(stack.processes).now();
    System.out.println("Memory, idle (RSS MiB): " + idle);

    double baseline = options.runs("baseline") ? loadPhases.baseline() : Double.NaN;
    double commands = Double.NaN;
    try (StackProcesses memory = new StackProcesses(stack.processes)) {
      memory.startSampling();
      if (options.runs("commands")) {
        commands = loadPhases.commands();
      }
      if (options.runs("lag")) {
        new VisibilityLag(stack, options, summary)
            .measure(Double.isNaN(commands) ? options.lagRate : commands / 2);
      }
      if (options.runs("tokens")) {
        loadPhases.tokens();
      }
      if (options.runs("secrets")) {
        loadPhases.secrets();
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
    if (!options.skipReplay && options.runs("replay")) {
      try (StackProcesses memory = new StackProcesses(stack.processes)) {
        memory.startSampling();
        new ReplayAndAudit(stack, options, summary).run();
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
}
