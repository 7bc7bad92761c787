package com.serviceaccounts.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stack as {@code ./run-local} starts it ({@code local-stack.jar}), on {@code
 * --data-dir}, measured by the same operations as the peer ({@link Stack}).
 */
final class OurSystem implements ComparedSystem {

  private static final String UP = "Local stack is up after";
  private static final Pattern SERVICE =
      Pattern.compile("^\\s+(command-service|query-service|token-service)\\s+(\\S+)");
  private static final Pattern POSTGRES = Pattern.compile("(jdbc:postgresql://[^/\\s]+/)");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private final Options options;
  private final Path dataDirectory;
  private String algorithm;
  private Process launcher;
  private Stack stack;
  private ProcessTree processes;
  private int starts;

  OurSystem(Options options) {
    this.options = options;
    this.dataDirectory = options.dataDirectory.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return "this project";
  }

  @Override
  public Duration start(boolean fresh) throws Exception {
    if (fresh && Files.isDirectory(dataDirectory)) {
      try (Stream<Path> files = Files.list(dataDirectory)) {
        if (files.findAny().isPresent()) {
          throw new IllegalStateException(
              "--data-dir " + dataDirectory + " is not empty: a fresh start needs an empty one");
        }
      }
    }
    Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-" + ++starts + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                options.stackLauncherJava.toString(),
                "-jar",
                options.stackJar.toString(),
                "--data-dir=" + dataDirectory,
                "--token-signature-algorithm=" + (algorithm == null ? "ES256" : algorithm))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", javaHome().toString());
    long started = System.nanoTime();
    launcher = builder.start();
    Map<String, String> where = awaitUp(log);
    Duration ready = Duration.ofNanos(System.nanoTime() - started);
    stack =
        new Stack(
            where.get("command-service"),
            where.get("query-service"),
            where.get("token-service"),
            where.get("jdbc"),
            dataDirectory);
    processes = stack.processes;
    return ready;
  }

  /** The JDK of the launcher, whose services run on the same one. */
  Path javaHome() {
    return options.stackJava != null ? options.stackJava : Path.of(System.getProperty("java.home"));
  }

  /** The addresses the summary printed once the stack is up (ports move when one is taken). */
  private Map<String, String> awaitUp(Path log) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log);
      if (lines.stream().anyMatch(line -> line.contains(UP))) {
        Map<String, String> where = new LinkedHashMap<>();
        for (String line : lines) {
          Matcher service = SERVICE.matcher(line);
          if (service.find()) {
            where.putIfAbsent(service.group(1), service.group(2));
          }
          Matcher postgres = POSTGRES.matcher(line);
          if (postgres.find()) {
            where.putIfAbsent("jdbc", postgres.group(1));
          }
        }
        return where;
      }
      if (!launcher.isAlive()) {
        throw new IllegalStateException(
            "the local stack ended with " + launcher.exitValue() + "; its log: " + log);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the local stack was not up within " + START_TIMEOUT);
  }

  @Override
  public synchronized void stop() throws Exception {
    if (launcher == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
    if (processes != null) {
      processes.processes().keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(all::add));
    }
    // The launcher's shutdown hook stops the services, Kafka and PostgreSQL in order.
    launcher.destroy();
    if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
      launcher.destroyForcibly();
    }
    for (ProcessHandle process : all) {
      process.onExit().get(1, TimeUnit.MINUTES);
    }
    launcher = null;
    processes = null;
  }

  @Override
  public ProcessTree processes() {
    return processes;
  }

  @Override
  public void signWith(String algorithm) throws Exception {
    String before = this.algorithm;
    this.algorithm = algorithm;
    stop();
    try {
      start(false);
    } catch (IllegalStateException e) {
      this.algorithm = before;
      stop();
      start(false);
      throw new IllegalStateException(
          "the stack did not start with --token-signature-algorithm=" + algorithm, e);
    }
  }

  @Override
  public SecretUsability.Credentials tokenClient() throws Exception {
    var account = stack.create(UUID.randomUUID(), "token bench");
    SecretUsability.Credentials client =
        new SecretUsability.Credentials(
            account.get("id").asText(),
            account.get("clientId").asText(),
            account.get("clientSecret").asText());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (token(client).statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("token-service did not learn a new account within 60 s");
      }
      Thread.sleep(100);
    }
    return client;
  }

  @Override
  public Http.Reply token(SecretUsability.Credentials client) throws Exception {
    return stack.token(client.clientId(), client.secret());
  }

  @Override
  public Load.Client creates() {
    return () -> {
      UUID company = UUID.randomUUID();
      return measured -> {
        stack.create(company, "account " + ThreadLocalRandom.current().nextInt());
        return true;
      };
    };
  }

  @Override
  public Load.Client edits() {
    return () -> {
      UUID company = UUID.randomUUID();
      List<String> ids = new ArrayList<>();
      for (int a = 0; a < 10; a++) {
        ids.add(stack.create(company, "edit bench " + a).get("id").asText());
      }
      return measured -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = ids.get(random.nextInt(ids.size()));
        return stack.rename(company, id, "renamed " + random.nextInt()).statusCode() == 200;
      };
    };
  }
}
