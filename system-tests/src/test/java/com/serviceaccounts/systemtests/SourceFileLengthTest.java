package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source file of any module is longer than {@value #MAX_LINES} lines unless its first line
 * says why ({@value #REASON_PREFIX} ...): a long file is one that does several things, which a
 * newcomer has to tell apart before changing one of them.
 */
class SourceFileLengthTest {

  static final int MAX_LINES = 300;

  static final String REASON_PREFIX = "// Over 300 lines: ";

  /**
   * Files over the limit without a reason line, each to be split by its owner. A file that is split
   * or given a reason line leaves this list; nothing joins it.
   */
  static final Map<String, String> NOT_YET_SPLIT = Map.of();

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyLongMainSourceFileSaysWhyAtItsTop() throws IOException {
    List<String> unexplained = new ArrayList<>();
    for (Path file : mainSources()) {
      List<String> lines = Files.readAllLines(file);
      String name = ROOT.relativize(file).toString().replace('\\', '/');
      if (lines.size() > MAX_LINES
          && !lines.get(0).startsWith(REASON_PREFIX)
          && !NOT_YET_SPLIT.containsKey(name)) {
        unexplained.add(name + " (" + lines.size() + " lines)");
      }
    }
    assertThat(unexplained)
        .as("split these by responsibility, or say why at the top: " + REASON_PREFIX + "...")
        .isEmpty();
  }

  @Test
  void theListOfFilesNotYetSplitHoldsOnlyLongFiles() throws IOException {
    for (String name : NOT_YET_SPLIT.keySet()) {
      Path file = ROOT.resolve(name);
      if (Files.exists(file)) {
        assertThat(Files.readAllLines(file))
            .as(name + " is no longer over " + MAX_LINES + " lines: take it off the list")
            .hasSizeGreaterThan(MAX_LINES);
      }
    }
  }

  @Test
  void findsTheMainSourcesOfEveryModule() throws IOException {
    assertThat(mainSources())
        .extracting(file -> ROOT.relativize(file).getName(0).toString())
        .contains("command-service", "query-service", "token-service", "web-ui", "local-stack");
  }

  static List<Path> mainSources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(
              file -> {
                String name = ROOT.relativize(file).toString().replace('\\', '/');
                return name.matches("[^./][^/]*/src/main/java/.+");
              })
          .toList();
    }
  }
}
