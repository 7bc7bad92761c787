package com.serviceaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's proportional set size, from {@code /proc/<pid>/smaps_rollup}: its private pages and
 * its share of the pages it shares with others (the JDK's libraries, PostgreSQL's shared buffers),
 * so that summing it over a system's processes counts each page once.
 */
final class Pss {

  private Pss() {}

  /** The process's PSS in KiB; empty when it ended meanwhile or is not ours to read. */
  static Optional<Long> kib(long pid) {
    try {
      return parseKib(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The {@code Pss:} line of a {@code smaps_rollup} text, in KiB. */
  static Optional<Long> parseKib(String smapsRollup) {
    for (String line : smapsRollup.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 2 && fields[0].equals("Pss:")) {
        return Optional.of(Long.parseLong(fields[1]));
      }
    }
    return Optional.empty();
  }
}
