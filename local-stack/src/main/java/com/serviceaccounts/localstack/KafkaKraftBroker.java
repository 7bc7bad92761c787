package com.serviceaccounts.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in KRaft mode (broker and controller in one process), run from
 * Kafka's own server jars inside this JVM.
 *
 * <p>Unlike spring-kafka-test's embedded broker, it listens on a port chosen up front and keeps its
 * log directory, so it can be {@linkplain #stop() stopped} and {@linkplain #start() started} again
 * on the same address with the same topics and offsets: that is how tests show that publishing
 * survives a broker outage, and how the local stack keeps its events between runs.
 *
 * <p>Topics are not created on first use ({@code auto.create.topics.enable=false}), as in
 * production: whoever produces declares its topics.
 */
public final class KafkaKraftBroker implements AutoCloseable {

  private static final int NODE_ID = 1;

  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaKraftBroker.class);

  private final Path logDirectory;

  private final int port;

  private final int controllerPort;

  private KafkaRaftServer server;

  /** A broker on {@code port} whose controller takes any free port. Nothing starts yet. */
  public KafkaKraftBroker(Path logDirectory, int port) {
    this(logDirectory, port, Ports.anyFree());
  }

  /** A broker on {@code port} with its controller on {@code controllerPort}. Nothing starts yet. */
  public KafkaKraftBroker(Path logDirectory, int port, int controllerPort) {
    if (port == controllerPort) {
      throw new IllegalArgumentException(
          "Broker and controller need different ports, got " + port + " twice");
    }
    this.logDirectory = logDirectory.toAbsolutePath().normalize();
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats the log directory if it is new, then starts the broker and returns once it accepts
   * clients. Does nothing if the broker already runs.
   */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    refuseToEndTheJvm();
    KafkaConfig config = new KafkaConfig(configuration(), false);
    format(config);
    KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      starting.shutdown();
      starting.awaitShutdown();
      throw new IllegalStateException("Kafka did not start on " + bootstrapServers(), e);
    }
    server = starting;
    LOG.debug("Kafka listens on {} with logs in {}", bootstrapServers(), logDirectory);
  }

  /**
   * Kafka ends the JVM on a fatal broker error ({@code Exit.halt}), as a standalone broker should.
   * Embedded in a launcher or a test JVM, that would kill the services' supervisor or the test run
   * without a word; an exception that says what happened is what the host needs.
   */
  private static void refuseToEndTheJvm() {
    Exit.setExitProcedure(KafkaKraftBroker::refuse);
    Exit.setHaltProcedure(KafkaKraftBroker::refuse);
  }

  private static void refuse(int statusCode, String message) {
    LOG.error("Kafka asked to end the JVM with status {}: {}", statusCode, message);
    throw new IllegalStateException(
        "Kafka asked to end the JVM with status " + statusCode + ": " + message);
  }

  /**
   * Shuts the broker down and waits until it has. The log directory and the port stay, so {@link
   * #start()} brings back the same cluster on the same address.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.debug("Kafka on {} stopped", bootstrapServers());
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The value for {@code bootstrap.servers}; the same before and after a restart. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path logDirectory() {
    return logDirectory;
  }

  @Override
  public void close() {
    stop();
  }

  private Map<String, String> configuration() {
    Map<String, String> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    config.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDirectory.toString());
    // One node: internal topics cannot have more replicas than that.
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("min.insync.replicas", "1");
    // Consumers join at once instead of waiting for more members that never come.
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("auto.create.topics.enable", "false");
    // Sized for the handful of clients of one machine, not Kafka's defaults for a shared cluster:
    // each thread is a stack and buffers, and the log cleaner's dedupe buffer (128 MiB by default,
    // allocated whole) is for compacting large topics; here it compacts the consumer offsets only.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "2");
    config.put("background.threads", "2");
    config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    return config;
  }

  /**
   * Does what {@code kafka-storage.sh format --ignore-formatted} does. An already formatted
   * directory keeps its cluster id: the formatter refuses a directory whose id differs.
   */
  private void format(KafkaConfig config) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      Files.createDirectories(logDirectory);
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId())
          .setUnstableFeatureVersionsEnabled(false)
          .setIgnoreFormatted(true)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setHasDynamicQuorum(false)
          .setDirectories(List.of(logDirectory.toString()))
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not format Kafka log directory " + logDirectory, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not format Kafka log directory " + logDirectory + ": " + output, e);
    }
    LOG.debug("Formatter: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  private String clusterId() throws IOException {
    return new MetaPropertiesEnsemble.Loader()
        .addLogDirs(List.of(logDirectory.toString()))
        .load()
        .clusterId()
        .orElseGet(() -> Uuid.randomUuid().toString());
  }
}
