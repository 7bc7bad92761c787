package com.serviceaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The file the local stack's launcher keeps its process id in, in its data folder. */
  static final String LAUNCHER_PID_FILE = "local-stack.pid";

  private final Map<String, Long> roots;

  /**
   * {@code roots}: each root process's name and id, in order: a process under two roots counts
   * under the first.
   */
  ProcessTree(Map<String, Long> roots) {
    this.roots = new LinkedHashMap<>(roots);
  }

  /**
   * The local stack on {@code dataDirectory}: its launcher (which runs Kafka), found by the pid
   * file it keeps there while it runs, and the services it started; and PostgreSQL, whose
   * postmaster runs detached from the launcher, found by its own pid file.
   *
   * @throws IllegalStateException when no launcher runs on that folder
   */
  static ProcessTree localStack(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve(LAUNCHER_PID_FILE);
    if (!Files.isRegularFile(pidFile)) {
      throw new IllegalStateException(
          "no "
              + pidFile
              + ": start the local stack with this --data-dir, so that its processes can be found");
    }
    Map<String, Long> roots = new LinkedHashMap<>();
    postmaster(dataDirectory).ifPresent(pid -> roots.put("PostgreSQL", pid));
    roots.put("local-stack", Long.parseLong(Files.readString(pidFile).trim()));
    return new ProcessTree(roots);
  }

  private static Optional<Long> postmaster(Path dataDirectory) throws IOException {
    try (Stream<Path> files =
        Files.find(dataDirectory, 3, (path, attributes) -> path.endsWith("postmaster.pid"))) {
      for (Path pidFile : (Iterable<Path>) files::iterator) {
        return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
      }
    }
    return Optional.empty();
  }

  /** The CPU time each named part has used so far, in ms; the load generator's too. */
  Map<String, Long> cpuMillis() {
    Map<String, Long> cpu = sum(StackProcesses::cpuMillis);
    StackProcesses.cpuMillis(ProcessHandle.current().pid())
        .ifPresent(ms -> cpu.put(LOAD_GENERATOR, ms));
    return cpu;
  }

  /** The resident set size of each named part now, in KiB. */
  Map<String, Long> rssKib() {
    return sum(StackProcesses::rssKib);
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
    return name(process.info().commandLine().orElse(""), rootName);
  }

  /**
   * The name of the jar a JVM's command line runs ({@code -jar x.jar}, or {@code -cp x.jar:…} when
   * add-ons join its class path), else {@code rootName}.
   */
  static String name(String commandLine, String rootName) {
    String[] words = commandLine.split(" ");
    for (int i = 0; i + 1 < words.length; i++) {
      String jar =
          switch (words[i]) {
            case "-jar" -> words[i + 1];
            case "-cp", "-classpath", "--class-path" -> words[i + 1].split(":")[0];
            default -> "";
          };
      if (jar.endsWith(".jar")) {
        String file = jar.substring(jar.lastIndexOf('/') + 1);
        return file.substring(0, file.length() - ".jar".length());
      }
    }
    return rootName;
  }
}
