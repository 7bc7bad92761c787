// Over 300 lines: one child process's whole life (start, readiness, stop, kill, restart, its
// output) and its builder, one API that the launcher and the system tests share.
package com.serviceaccounts.localstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One Spring Boot service run as a child JVM ({@code java -jar}), the way it runs in production:
 * its own process, its own port, configured through command-line arguments and environment.
 *
 * <p>The launcher runs both services with it, and the system tests use it to stop, kill and restart
 * a service while the rest of the system keeps running. Every line the child prints is handed,
 * prefixed with {@code [label] }, to an output sink (the console by default), so that interleaved
 * logs of several services stay readable.
 *
 * <p>Signals go through the {@link ProcessHandle}: {@link Process#destroy()} would also close the
 * child's output stream, and the lines it prints while shutting down would be lost.
 *
 * <p>A {@code ServiceProcess} can be started again after it stopped; each start launches a new
 * child with the same command line.
 */
public final class ServiceProcess implements AutoCloseable {

  /** Long enough for a Spring context to close its Kafka consumers and connection pool. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final String HEALTH_PATH = "/actuator/health/readiness";

  private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(250);

  private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final String label;

  private final List<String> command;

  private final Map<String, String> environment;

  private final int port;

  private final Consumer<String> output;

  private final HttpClient httpClient;

  private Process process;

  private Thread outputRelay;

  private ServiceProcess(Builder builder) {
    this.label = builder.label;
    this.port = builder.port;
    this.environment = Map.copyOf(builder.environment);
    this.output = builder.output;
    List<String> commandLine = new ArrayList<>();
    commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    commandLine.addAll(builder.jvmOptions);
    if (builder.classPath.isEmpty()) {
      commandLine.add("-jar");
      commandLine.add(builder.jar.toString());
    } else {
      List<String> classPath = new ArrayList<>();
      classPath.add(builder.jar.toString());
      builder.classPath.forEach(path -> classPath.add(path.toString()));
      commandLine.add("-cp");
      commandLine.add(String.join(File.pathSeparator, classPath));
      commandLine.add(mainClass(builder.jar));
    }
    commandLine.add("--server.port=" + builder.port);
    commandLine.addAll(builder.arguments);
    this.command = List.copyOf(commandLine);
    this.httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  }

  /**
   * Starts describing a service.
   *
   * @param label short name for the output prefix and for messages, e.g. {@code command}
   * @param jar the service's executable jar
   */
  public static Builder builder(String label, Path jar) {
    return new Builder(label, jar);
  }

  /**
   * Launches the child process and returns at once; see {@link #awaitHealthy(Duration)}.
   *
   * @throws IllegalStateException if it is already running
   */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException(label + " is already running as pid " + process.pid());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start " + label + ": " + String.join(" ", command), e);
    }
    outputRelay = new Thread(() -> relayOutput(process), label + "-output");
    outputRelay.setDaemon(true);
    outputRelay.start();
  }

  /**
   * Waits until {@code GET /actuator/health/readiness} answers 200.
   *
   * @throws IllegalStateException if the process exits first, with its exit code, or if the timeout
   *     passes; the process is left as it is
   */
  public void awaitHealthy(Duration timeout) {
    Process running = currentProcess();
    HttpRequest request =
        HttpRequest.newBuilder(healthUri()).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!running.isAlive()) {
        throw new IllegalStateException(
            label
                + " exited with code "
                + running.exitValue()
                + " before it became healthy; its output above says why");
      }
      if (answersOk(request)) {
        return;
      }
      sleep(HEALTH_POLL_INTERVAL);
    }
    throw new IllegalStateException(
        label + " did not report healthy on " + healthUri() + " within " + timeout);
  }

  /** {@link #start()} followed by {@link #awaitHealthy(Duration)}. */
  public void startAndAwaitHealthy(Duration timeout) {
    start();
    awaitHealthy(timeout);
  }

  /**
   * Asks the service to shut down (SIGTERM, which runs Spring's graceful shutdown) and waits for
   * it; kills it if it is still alive after {@code timeout}.
   *
   * @return {@code true} if it exited by itself, {@code false} if it had to be killed or was not
   *     running
   */
  public synchronized boolean stop(Duration timeout) {
    if (!isRunning()) {
      return false;
    }
    process.toHandle().destroy();
    boolean exited = waitFor(process, timeout);
    if (!exited) {
      output.accept(
          "[" + label + "] did not stop within " + timeout.toSeconds() + " s, killing it");
      process.toHandle().destroyForcibly();
      waitFor(process, timeout);
    }
    drainOutput();
    return exited;
  }

  /**
   * Sends SIGTERM and returns at once, so that several services can shut down side by side before
   * {@link #stop(Duration)} waits for each.
   */
  public synchronized void requestStop() {
    if (isRunning()) {
      process.toHandle().destroy();
    }
  }

  /** Kills the service at once (SIGKILL), as a crash or an out-of-memory kill would. */
  public synchronized void kill() {
    if (!isRunning()) {
      return;
    }
    process.toHandle().destroyForcibly();
    waitFor(process, DEFAULT_STOP_TIMEOUT);
    drainOutput();
  }

  /** Stops the service gracefully, starts it again and waits until it is healthy. */
  public void restart(Duration healthTimeout) {
    stop(DEFAULT_STOP_TIMEOUT);
    startAndAwaitHealthy(healthTimeout);
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The exit code of the last child, if it has exited. */
  public synchronized OptionalInt exitCode() {
    if (process == null || process.isAlive()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(process.exitValue());
  }

  /** The pid of the current or last child. */
  public synchronized long pid() {
    return currentProcess().pid();
  }

  public String label() {
    return label;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, the address clients use. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI healthUri() {
    return baseUri().resolve(HEALTH_PATH);
  }

  @Override
  public void close() {
    stop(DEFAULT_STOP_TIMEOUT);
  }

  @Override
  public String toString() {
    return label + " on " + baseUri();
  }

  private synchronized Process currentProcess() {
    if (process == null) {
      throw new IllegalStateException(label + " has not been started");
    }
    return process;
  }

  private boolean answersOk(HttpRequest request) {
    try {
      return httpClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      // Not listening yet, or busy starting: ask again.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + label, e);
    }
  }

  private void relayOutput(Process child) {
    String prefix = "[" + label + "] ";
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.accept(prefix + line);
      }
    } catch (IOException e) {
      // The stream closes under us when the child is killed: nothing more to relay.
    }
  }

  /** Lets the last lines of a stopped child appear before whatever the caller prints next. */
  private void drainOutput() {
    try {
      outputRelay.join(OUTPUT_DRAIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitFor(Process child, Duration timeout) {
    try {
      return child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !child.isAlive();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting", e);
    }
  }

  /** The {@code Main-Class} of {@code jar}'s manifest. */
  private static String mainClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String mainClass =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      if (mainClass == null) {
        throw new IllegalArgumentException("No Main-Class in " + jar);
      }
      return mainClass;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Describes a service; {@link #build()} checks that the jar exists. */
  public static final class Builder {

    private final String label;

    private final Path jar;

    private final List<String> jvmOptions = new ArrayList<>();

    private final List<String> arguments = new ArrayList<>();

    private final List<Path> classPath = new ArrayList<>();

    private final Map<String, String> environment = new LinkedHashMap<>();

    private int port = 8080;

    private Consumer<String> output = System.out::println;

    private Builder(String label, Path jar) {
      this.label = Objects.requireNonNull(label, "label");
      this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
    }

    /** The HTTP port, passed as {@code --server.port}; 8080 unless set. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** A Spring Boot argument such as {@code --spring.kafka.bootstrap-servers=...}. */
    public Builder argument(String argument) {
      arguments.add(argument);
      return this;
    }

    /** An option for the child JVM, such as {@code -Xmx256m}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /**
     * A jar the service's classes are loaded from besides its own: the service then runs as {@code
     * java -cp <jar>:<these> <its jar's Main-Class>}, which needs a plain jar, not a Spring Boot
     * one.
     */
    public Builder classPath(Path jar) {
      classPath.add(jar.toAbsolutePath().normalize());
      return this;
    }

    /** An environment variable of the child, on top of this JVM's environment. */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Where the prefixed output lines go; the console unless set. */
    public Builder output(Consumer<String> output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * @throws IllegalArgumentException if the jar does not exist
     */
    public ServiceProcess build() {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("No jar for " + label + " at " + jar);
      }
      return new ServiceProcess(this);
    }
  }
}
