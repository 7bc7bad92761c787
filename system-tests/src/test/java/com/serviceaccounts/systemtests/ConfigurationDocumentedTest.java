package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's configuration table names every property of the project's own ({@code
 * service-accounts.*}) that the code reads, and none it does not: those bound by a
 * {@code @ConfigurationProperties} class (from the metadata Spring Boot's configuration processor
 * writes at compile time) and those read by {@code @Value}.
 */
class ConfigurationDocumentedTest {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{(service-accounts\\.[a-z0-9.-]+)");
  private static final Pattern DOCUMENTED =
      Pattern.compile("(?m)^\\| `(service-accounts\\.[a-z0-9.-]+)`");

  @Test
  void everyPropertyIsDocumentedAndEveryDocumentedPropertyExists() throws IOException {
    Set<String> read = propertiesTheCodeReads();
    Set<String> documented = documented();
    assertThat(read)
        .as("properties of the code missing from docs/operations.md")
        .isSubsetOf(documented);
    assertThat(documented)
        .as("properties in docs/operations.md that no code reads")
        .isSubsetOf(read);
  }

  private static Set<String> propertiesTheCodeReads() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> modules = Files.list(Documentation.root())) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path metadata =
            module.resolve("target/classes/META-INF/spring-configuration-metadata.json");
        if (Files.exists(metadata)) {
          for (JsonNode property :
              CompanyClient.JSON.readTree(metadata.toFile()).path("properties")) {
            String name = property.path("name").asText();
            if (name.startsWith("service-accounts.")) {
              names.add(name);
            }
          }
        }
        Path sources = module.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
          try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
              Matcher placeholder = PLACEHOLDER.matcher(Files.readString(file));
              while (placeholder.find()) {
                names.add(placeholder.group(1));
              }
            }
          }
        }
      }
    }
    assertThat(names)
        .as("properties found in the code (is the build's metadata there?)")
        .hasSizeGreaterThan(20);
    return names;
  }

  private static Set<String> documented() {
    String operations = Documentation.text(Documentation.root().resolve("docs/operations.md"));
    int start = operations.indexOf("<!-- BEGIN CHECKED: configuration");
    int end = operations.indexOf("<!-- END CHECKED -->", start);
    assertThat(start).as("docs/operations.md's checked configuration section").isNotNegative();
    Set<String> names = new TreeSet<>();
    Matcher row = DOCUMENTED.matcher(operations.substring(start, end));
    while (row.find()) {
      names.add(row.group(1));
    }
    return names;
  }
}
