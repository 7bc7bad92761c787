package com.serviceaccounts.auditverifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.ObjLongConsumer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvParser;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/** Reads the files an auditor keeps: entry exports (CSV or NDJSON), checkpoints, public keys. */
public final class ExportFiles {

  private static final StreamReadConstraints TEXTS =
      StreamReadConstraints.builder().maxStringLength(BoundedLines.MAX_LINE_BYTES).build();

  /**
   * A field named twice is refused, not read as its last value: a reader that takes the first would
   * see what the hash does not cover.
   */
  static final JsonMapper JSON =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(TEXTS).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** A CSV cell may span lines: no text is longer than a line may be. */
  private static final CsvMapper CSV =
      CsvMapper.builder(CsvFactory.builder().streamReadConstraints(TEXTS).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ExportFiles() {}

  /**
   * The file's entries as rows, one at a time: CSV with a header row when its name ends in {@code
   * .csv}, otherwise NDJSON (one JSON object a line); no line may be longer than {@link
   * BoundedLines#MAX_LINE_BYTES}.
   */
  public static MappingIterator<JsonNode> rows(Path file) {
    Reader text;
    try {
      text = utf8(new BoundedLines(Files.newInputStream(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (isCsv(file)) {
      MappingIterator<JsonNode> rows =
          CSV.readerFor(JsonNode.class)
              .with(CsvSchema.emptySchema().withHeader())
              // Read as written: a space around a column's name, or before a row's first cell
              // (which Jackson's skipping of blank lines drops: blankLine does it instead), is
              // part of it.
              .without(CsvReadFeature.TRIM_HEADER_SPACES)
              .readValues(text);
      rows.hasNextValue(); // reads the header
      onceEach(((CsvParser) rows.parser()).getSchema());
      return rows;
    }
    return JSON.readerFor(JsonNode.class).readValues(text);
  }

  /** Whether a CSV row is a line with nothing on it (an editor's last line, say): no entry. */
  public static boolean blankLine(JsonNode row) {
    return row.size() == 1 && row.values().iterator().next().asString().isEmpty();
  }

  /** Whether the file is a CSV export (its name ends in {@code .csv}), whose fields are text. */
  public static boolean isCsv(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /**
   * The bytes as UTF-8 text, a byte order mark before the first line dropped: a malformed or
   * overlong byte sequence is refused where it stands (Jackson, given the bytes, would also read
   * UTF-16 or UTF-32, and an overlong form as the character it spells, while other readers see
   * another file).
   */
  private static Reader utf8(InputStream bytes) throws IOException {
    BufferedReader text = new BufferedReader(new Utf8Lines(bytes));
    text.mark(1);
    if (text.read() != '\uFEFF') {
      text.reset();
    }
    return text;
  }

  /**
   * Refuses a header that names a column twice: Jackson reads the last of them, while a spreadsheet
   * and its reader see the first (the strict duplicate detection does not cover CSV headers).
   */
  private static void onceEach(CsvSchema header) {
    Set<String> names = new HashSet<>();
    for (CsvSchema.Column column : header) {
      if (!names.add(column.getName())) {
        throw new IllegalArgumentException(
            "the header names the column " + column.getName() + " twice");
      }
    }
  }

  /**
   * The checkpoints in an NDJSON file, in the file's order; a line that repeats an earlier one is
   * the same checkpoint (the topic may carry a copy twice) and is read once.
   *
   * @throws IllegalArgumentException naming the line that is not a checkpoint
   * @throws UncheckedIOException if the file cannot be read, or has a line longer than {@link
   *     BoundedLines#MAX_LINE_BYTES}
   */
  public static List<Checkpoint> checkpoints(Path file) {
    try (InputStream bytes = Files.newInputStream(file)) {
      return checkpoints(file.toString(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoints in {@code bytes}, read from {@code source}, as {@link #checkpoints(Path)}. */
  static List<Checkpoint> checkpoints(String source, InputStream bytes) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    eachLine(
        source,
        bytes,
        (line, number) -> {
          if (line.isBlank() || !seen.add(line.strip())) {
            return;
          }
          try {
            checkpoints.add(Checkpoint.parse(line));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                source + " line " + number + ": " + e.getMessage(), e);
          }
        });
    return checkpoints;
  }

  /** The public keys in the PEM files, by key id. */
  public static Map<String, PublicKey> publicKeys(List<Path> files) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (Path file : files) {
      StringJoiner pem = new StringJoiner("\n");
      try (InputStream bytes = Files.newInputStream(file)) {
        eachLine(file.toString(), bytes, (line, number) -> pem.add(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        SigningKeys.parse(pem.toString()).forEach(key -> keys.put(SigningKeys.keyId(key), key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    return keys;
  }

  /**
   * Hands each line of {@code bytes}, read from {@code source}, with its number from 1, to {@code
   * each}: UTF-8 (malformed bytes are refused), a byte order mark before the first line dropped (as
   * Jackson drops it from an export of entries), and a line longer than {@link
   * BoundedLines#MAX_LINE_BYTES} refused before it is read whole.
   *
   * @throws UncheckedIOException naming {@code source}, if the bytes cannot be read as such lines
   */
  private static void eachLine(String source, InputStream bytes, ObjLongConsumer<String> each) {
    try {
      BufferedReader lines = (BufferedReader) utf8(new BoundedLines(bytes));
      long number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        each.accept(line, ++number);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
  }
}
