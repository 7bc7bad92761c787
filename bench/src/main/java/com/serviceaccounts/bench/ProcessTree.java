package com.serviceaccounts.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A system's processes: some roots, each with a name, and all their descendants. A descendant that
 * runs a jar ({@code java -jar x.jar}) is named by the jar, else by its root, so that the local
 * stack's services show each by name and PostgreSQL's backends count as PostgreSQL. CPU time and
 * memory are summed by name.
 */
final class ProcessTree {

  /** Where the load generator's own CPU time is listed; not part of any system's. */
  static final String LOAD_GENERATOR = "bench (load generator)";

  private final Map<String, Long> roots;

  /**
   * {@code roots}: each root process's name and id, in order: a process under two roots counts
   * under the first.
   */
  ProcessTree(Map<String, Long> roots) {
    this.roots = new LinkedHashMap<>(roots);
  }

  /** The CPU time each named part has used so far, in ms; the load generator's too. */
  Map<String, Long> cpuMillis() {
    Map<String, Long> cpu = sum(StackProcesses::cpuMillis);
    StackProcesses.cpuMillis(ProcessHandle.current().pid())
        .ifPresent(ms -> cpu.put(LOAD_GENERATOR, ms));
    return cpu;
  }

  /** The PSS of each named part now, in KiB. */
  Map<String, Long> pssKib() {
    return sum(Pss::kib);
  }

  /** The PSS of the whole system now, in MiB. */
  long pssMib() {
    return pssKib().values().stream().mapToLong(Long::longValue).sum() / 1024;
  }

  private Map<String, Long> sum(Function<Long, Optional<Long>> figure) {
    Map<String, Long> sums = new LinkedHashMap<>();
    processes()
        .forEach(
            (pid, name) ->
                figure.apply(pid).ifPresent(value -> sums.merge(name, value, Long::sum)));
    return sums;
  }

  /** Each process's id and name, once, named after the first root it descends from. */
  Map<Long, String> processes() {
    Map<Long, String> processes = new LinkedHashMap<>();
    roots.forEach(
        (name, pid) ->
            ProcessHandle.of(pid).stream()
                .flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .forEach(process -> processes.putIfAbsent(process.pid(), name(process, name))));
    return processes;
  }

  private static String name(ProcessHandle process, String rootName) {
    String[] words = process.info().commandLine().orElse("").split(" ");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals("-jar") && words[i + 1].endsWith(".jar")) {
        String jar = words[i + 1].substring(words[i + 1].lastIndexOf('/') + 1);
        return jar.substring(0, jar.length() - ".jar".length());
      }
    }
    return rootName;
  }
}
