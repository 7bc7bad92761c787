package com.serviceaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Turns a running service's console logs into a structured format ({@code
 * logging.structured.format.console}, e.g. {@code ecs}) for the length of a test, then back, so
 * that a test can check the JSON lines the service writes in production while the other tests keep
 * readable output and share their Spring context (a context with the property set would be one more
 * context, and Spring Boot configures logging once per JVM, not per context).
 *
 * <p>It re-initializes Spring Boot's logging system the way the application does at start-up, with
 * the application's own environment plus the format, and keeps the log levels the application set.
 *
 * <pre>{@code
 * try (StructuredConsoleLogs logs = StructuredConsoleLogs.switchTo("ecs", environment)) {
 *   ... // act
 *   List<JsonNode> lines = StructuredConsoleLogs.jsonLines(output.getOut());
 * }
 * }</pre>
 */
public final class StructuredConsoleLogs implements AutoCloseable {

  private static final String FORMAT_PROPERTY = "logging.structured.format.console";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggingSystem system =
      LoggingSystem.get(StructuredConsoleLogs.class.getClassLoader());
  private final ConfigurableEnvironment environment;

  private StructuredConsoleLogs(ConfigurableEnvironment environment) {
    this.environment = environment;
  }

  /**
   * Switches the console to the format, with the application's other logging settings.
   *
   * @param format {@code ecs}, {@code logstash} or {@code gelf}
   * @param environment the running application's environment
   */
  public static StructuredConsoleLogs switchTo(String format, Environment environment) {
    ConfigurableEnvironment application = (ConfigurableEnvironment) environment;
    StandardEnvironment structured = new StandardEnvironment();
    structured.merge(application);
    structured
        .getPropertySources()
        .addFirst(
            new MapPropertySource("structured console logs", Map.of(FORMAT_PROPERTY, format)));
    StructuredConsoleLogs logs = new StructuredConsoleLogs(application);
    logs.reinitialize(structured);
    return logs;
  }

  /** Back to the application's own console format. */
  @Override
  public void close() {
    reinitialize(environment);
  }

  /** The lines of captured output that are JSON objects, parsed; other lines are skipped. */
  public static List<JsonNode> jsonLines(String output) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          // not a JSON line after all (a line of a stack trace or a pretty-printed document)
        }
      }
    }
    return lines;
  }

  private void reinitialize(ConfigurableEnvironment with) {
    Map<String, LogLevel> levels = new LinkedHashMap<>();
    for (LoggerConfiguration logger : system.getLoggerConfigurations()) {
      if (logger.getConfiguredLevel() != null) {
        levels.put(logger.getName(), logger.getConfiguredLevel());
      }
    }
    system.cleanUp();
    system.beforeInitialize();
    system.initialize(new LoggingInitializationContext(with), null, null);
    levels.forEach(system::setLogLevel);
  }
}
