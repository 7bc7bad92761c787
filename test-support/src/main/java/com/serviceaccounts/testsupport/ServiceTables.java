package com.serviceaccounts.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which tables each service owns, and where a service's code names another's in SQL: the check
 * behind "no service reads another's tables" (PostgreSQL enforces it at run time, each service's
 * role reaching only its own database; this finds the code that would try). Reads the modules' main
 * sources, so a test runs it from its module's directory against its sibling modules.
 *
 * <p>Hand-written because ArchUnit sees classes, not the SQL in their string constants.
 */
public final class ServiceTables {

  /** Every service has one; it names no data. */
  private static final Set<String> EVERY_SERVICES = Set.of("flyway_schema_history");

  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:[a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)");

  private static final List<String> SOURCE_ENDINGS = List.of(".java", ".sql", ".yml", ".yaml");

  private ServiceTables() {}

  /** The main sources of a module beside the one the tests run in, e.g. {@code command-service}. */
  public static Path module(String name) {
    return Path.of("..", name);
  }

  /** The tables a module's main sources create (its migrations, SQL or Java). */
  public static Set<String> createdBy(Path module) {
    Set<String> tables = new TreeSet<>();
    for (Path file : sources(module)) {
      Matcher match = CREATE_TABLE.matcher(read(file));
      while (match.find()) {
        tables.add(match.group(1).toLowerCase(Locale.ROOT));
      }
    }
    tables.removeAll(EVERY_SERVICES);
    return tables;
  }

  /**
   * The lines of a module's main sources that name one of the tables where SQL names a table
   * ({@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE}, {@code TRUNCATE},
   * {@code COPY}), as {@code file:line: text}.
   */
  public static List<String> sqlReferences(Path module, Set<String> tables) {
    List<String> found = new ArrayList<>();
    if (tables.isEmpty()) {
      return found;
    }
    Pattern reference =
        Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|truncate|copy)\\s+(?:[a-z_][a-z0-9_]*\\.)?("
                + String.join("|", tables)
                + ")\\b");
    for (Path file : sources(module)) {
      List<String> lines = read(file).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (reference.matcher(lines.get(i)).find()) {
          found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    return found;
  }

  private static List<Path> sources(Path module) {
    Path main = module.resolve("src").resolve("main");
    if (!Files.isDirectory(main)) {
      throw new IllegalArgumentException("no main sources in " + main.toAbsolutePath());
    }
    try (Stream<Path> files = Files.walk(main)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> SOURCE_ENDINGS.stream().anyMatch(file.toString()::endsWith))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
