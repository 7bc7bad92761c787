package com.serviceaccounts.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's documents as the tests read them: README.md, BENCHMARKS.md and docs/. */
final class Documentation {

  /** A fenced code block: its info string, the line its first line of code is on, its code. */
  record Block(String info, int line, String code) {}

  private Documentation() {}

  static Path root() {
    String root = System.getProperty("repository.root");
    if (root == null) {
      throw new IllegalStateException("system property repository.root is set by the pom");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** Every Markdown document of the project's own documentation, the README first. */
  static List<Path> documents() {
    Path root = root();
    List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
    documents.add(root.resolve("BENCHMARKS.md"));
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static String text(Path document) {
    try {
      return Files.readString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fenced blocks of a document, in order. */
  static List<Block> blocks(Path document) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text(document).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("```")) {
        continue;
      }
      String info = lines[i].substring(3).trim();
      StringBuilder code = new StringBuilder();
      int first = i + 2;
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
        code.append(lines[i]).append('\n');
      }
      blocks.add(new Block(info, first, code.toString()));
    }
    return blocks;
  }

  /** The text outside fenced blocks, with each block blanked out (line numbers kept). */
  static String prose(Path document) {
    StringBuilder prose = new StringBuilder();
    boolean inBlock = false;
    for (String line : text(document).split("\n", -1)) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
        prose.append('\n');
        continue;
      }
      prose.append(inBlock ? "" : line).append('\n');
    }
    return prose.toString();
  }
}
