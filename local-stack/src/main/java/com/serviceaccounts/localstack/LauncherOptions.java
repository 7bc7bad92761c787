package com.serviceaccounts.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.PropertiesDefaultProvider;
import picocli.CommandLine.TypeConversionException;

/**
 * What the launcher was asked to do. Each option comes from a {@code --key=value} argument, or else
 * from the system property {@code local-stack.key}, or else from its default, so that the same
 * settings work on the command line and in an IDE run configuration. Run, it starts the stack
 * ({@link LocalStackLauncher}).
 */
@Command(
    name = "java -jar local-stack/target/local-stack.jar",
    description = {
      "Starts PostgreSQL, Kafka, command-service, query-service, token-service and the web UI on"
          + " this machine.",
      "Ports are preferred ports: if one is taken, the next free one is used.",
      ""
    },
    footer = {
      "",
      "Each option can also be given as a system property, e.g. -Dlocal-stack.kafka-port=29092.",
      "",
      "A bearer token for the services: java -jar local-stack/target/local-stack.jar token --help"
    },
    sortOptions = false,
    usageHelpWidth = 100,
    mixinStandardHelpOptions = true)
final class LauncherOptions implements Callable<Integer> {

  private static final String PROPERTY_PREFIX = "local-stack.";

  @Mixin LocalStackCommand shared;

  @Option(
      names = "--postgres-port",
      paramLabel = "N",
      defaultValue = "15432",
      converter = Port.class,
      description = "PostgreSQL port (${DEFAULT-VALUE})")
  int postgresPort;

  @Option(
      names = "--kafka-port",
      paramLabel = "N",
      defaultValue = "19092",
      converter = Port.class,
      description = "Kafka bootstrap port (${DEFAULT-VALUE})")
  int kafkaPort;

  @Option(
      names = "--command-port",
      paramLabel = "N",
      defaultValue = "8080",
      converter = Port.class,
      description = "command-service HTTP port (${DEFAULT-VALUE})")
  int commandPort;

  @Option(
      names = "--query-port",
      paramLabel = "N",
      defaultValue = "8081",
      converter = Port.class,
      description = "query-service HTTP port (${DEFAULT-VALUE})")
  int queryPort;

  @Option(
      names = "--token-port",
      paramLabel = "N",
      defaultValue = "8082",
      converter = Port.class,
      description = "token-service HTTP port (${DEFAULT-VALUE})")
  int tokenPort;

  @Option(
      names = "--ui-port",
      paramLabel = "N",
      defaultValue = "8083",
      converter = Port.class,
      description = "web UI HTTP port (${DEFAULT-VALUE})")
  int uiPort;

  @Option(
      names = "--command-jar",
      paramLabel = "PATH",
      defaultValue = "command-service/target/command-service.jar",
      description = "${DEFAULT-VALUE}")
  Path commandJar;

  @Option(
      names = "--query-jar",
      paramLabel = "PATH",
      defaultValue = "query-service/target/query-service.jar",
      description = "${DEFAULT-VALUE}")
  Path queryJar;

  @Option(
      names = "--token-jar",
      paramLabel = "PATH",
      defaultValue = "token-service/target/token-service.jar",
      description = "${DEFAULT-VALUE}")
  Path tokenJar;

  @Option(
      names = "--ui-jar",
      paramLabel = "PATH",
      defaultValue = "web-ui/target/web-ui.jar",
      description = "${DEFAULT-VALUE}")
  Path uiJar;

  @Option(
      names = "--token-signature-algorithm",
      paramLabel = "ALG",
      defaultValue = "ES256",
      converter = SignatureAlgorithm.class,
      description = "how token-service signs access tokens: ES256 or RS256 (${DEFAULT-VALUE})")
  String tokenSignatureAlgorithm;

  @Option(
      names = "--health-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      converter = Seconds.class,
      description =
          "how long each service may take to report healthy before the start fails; more on a"
              + " busy machine (${DEFAULT-VALUE})")
  Duration healthTimeout;

  @Option(
      names = "--infra-only",
      description = "start only PostgreSQL and Kafka, e.g. to run the services from an IDE")
  boolean infraOnly;

  private LauncherOptions() {}

  Path dataDirectory() {
    return shared.dataDirectory;
  }

  @Override
  public Integer call() {
    new LocalStackLauncher(this).run();
    return 0;
  }

  /** The command line of these options, reading the {@code local-stack.*} system properties. */
  static CommandLine commandLine(Properties systemProperties) {
    return new CommandLine(new LauncherOptions())
        .setDefaultValueProvider(defaults(systemProperties));
  }

  /** Option {@code --key}'s default from the system property {@code local-stack.key}. */
  static PropertiesDefaultProvider defaults(Properties systemProperties) {
    Properties defaults = new Properties();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(PROPERTY_PREFIX)) {
        defaults.setProperty(
            name.substring(PROPERTY_PREFIX.length()), systemProperties.getProperty(name));
      }
    }
    return new PropertiesDefaultProvider(defaults);
  }

  /** Whether the four service jars exist; logs each one that does not. */
  boolean serviceJarsPresent() {
    boolean present = true;
    for (Path jar : List.of(commandJar, queryJar, tokenJar, uiJar)) {
      if (!Files.isRegularFile(jar)) {
        LoggerFactory.getLogger(LocalStackLauncher.class)
            .error(
                "No service jar at {}: build the services first (./mvnw package), "
                    + "pass --command-jar/--query-jar/--token-jar/--ui-jar, or use --infra-only",
                jar.toAbsolutePath().normalize());
        present = false;
      }
    }
    return present;
  }

  /**
   * @throws CommandLine.ParameterException for an unknown option or a value that is not a port
   */
  static LauncherOptions parse(String[] args, Properties systemProperties) {
    CommandLine commandLine = commandLine(systemProperties);
    commandLine.parseArgs(args);
    return commandLine.getCommand();
  }

  /** A TCP port. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.trim());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new TypeConversionException("needs a port between 1 and 65535, got: " + value);
    }
  }

  /** A positive number of seconds. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        long seconds = Long.parseLong(value.trim());
        if (seconds >= 1) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new TypeConversionException(
          "needs a whole number of seconds, 1 or more, got: " + value);
    }
  }

  /** One of {@link TokenSigningKeys#ALGORITHMS}. */
  static final class SignatureAlgorithm implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String algorithm = value.trim().toUpperCase(java.util.Locale.ROOT);
      if (TokenSigningKeys.ALGORITHMS.contains(algorithm)) {
        return algorithm;
      }
      throw new TypeConversionException(
          "needs one of " + TokenSigningKeys.ALGORITHMS + ", got: " + value);
    }
  }
}
