package com.serviceaccounts.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the launcher was asked to do. Each option comes from a {@code --key=value} argument, or else
 * from the system property {@code local-stack.key}, or else from its default, so that the same
 * settings work on the command line and in an IDE run configuration.
 */
record LauncherOptions(
    Path dataDirectory,
    int postgresPort,
    int kafkaPort,
    int commandPort,
    int queryPort,
    int tokenPort,
    int uiPort,
    Path commandJar,
    Path queryJar,
    Path tokenJar,
    Path uiJar,
    boolean infraOnly,
    boolean help) {

  private static final String PROPERTY_PREFIX = "local-stack.";

  private static final List<String> KEYS =
      List.of(
          "data-dir",
          "postgres-port",
          "kafka-port",
          "command-port",
          "query-port",
          "token-port",
          "ui-port",
          "command-jar",
          "query-jar",
          "token-jar",
          "ui-jar",
          "infra-only",
          "help");

  static String usage() {
    return """
                Usage: java -jar local-stack/target/local-stack.jar [options]

                Starts PostgreSQL, Kafka, command-service, query-service, token-service and the web UI on this
                machine.
                Ports are preferred ports: if one is taken, the next free one is used.

                  --data-dir=PATH        where PostgreSQL and Kafka keep their data (.local-stack)
                  --postgres-port=N      PostgreSQL port (15432)
                  --kafka-port=N         Kafka bootstrap port (19092)
                  --command-port=N       command-service HTTP port (8080)
                  --query-port=N         query-service HTTP port (8081)
                  --token-port=N         token-service HTTP port (8082)
                  --ui-port=N            web UI HTTP port (8083)
                  --command-jar=PATH     command-service/target/command-service.jar
                  --query-jar=PATH       query-service/target/query-service.jar
                  --token-jar=PATH       token-service/target/token-service.jar
                  --ui-jar=PATH          web-ui/target/web-ui.jar
                  --infra-only           start only PostgreSQL and Kafka, e.g. to run the services from an IDE
                  --help                 print this text

                Each option can also be given as a system property, e.g. -Dlocal-stack.kafka-port=29092.

                A bearer token for the services: java -jar local-stack/target/local-stack.jar token --help
                """;
  }

  /**
   * @throws IllegalArgumentException for an unknown option or a value that is not a port
   */
  static LauncherOptions parse(String[] args, Properties systemProperties) {
    Map<String, String> values = new HashMap<>();
    for (String key : KEYS) {
      String property = systemProperties.getProperty(PROPERTY_PREFIX + key);
      if (property != null) {
        values.put(key, property);
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Options look like --key=value, got: " + arg);
      }
      int equals = arg.indexOf('=');
      String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("Unknown option: --" + key);
      }
      values.put(key, equals < 0 ? "true" : arg.substring(equals + 1));
    }
    return new LauncherOptions(
        Path.of(values.getOrDefault("data-dir", ".local-stack")),
        port(values, "postgres-port", 15432),
        port(values, "kafka-port", 19092),
        port(values, "command-port", 8080),
        port(values, "query-port", 8081),
        port(values, "token-port", 8082),
        port(values, "ui-port", 8083),
        Path.of(values.getOrDefault("command-jar", "command-service/target/command-service.jar")),
        Path.of(values.getOrDefault("query-jar", "query-service/target/query-service.jar")),
        Path.of(values.getOrDefault("token-jar", "token-service/target/token-service.jar")),
        Path.of(values.getOrDefault("ui-jar", "web-ui/target/web-ui.jar")),
        Boolean.parseBoolean(values.getOrDefault("infra-only", "false")),
        Boolean.parseBoolean(values.getOrDefault("help", "false")));
  }

  private static int port(Map<String, String> values, String key, int defaultPort) {
    String value = values.get(key);
    if (value == null) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the option's name
    }
    throw new IllegalArgumentException(
        "--" + key + " needs a port between 1 and 65535, got: " + value);
  }
}
