package com.serviceaccounts.query.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a company's audit entries, oldest first, as CSV or NDJSON while they are read from the
 * database: entries go out as they come through the cursor, so memory stays the same whatever their
 * number.
 */
@Component
class AuditExport {

  /** The export formats by their {@code format} parameter value. */
  enum Format {
    CSV(new MediaType("text", "csv", StandardCharsets.UTF_8)),
    NDJSON(new MediaType("application", "x-ndjson", StandardCharsets.UTF_8));

    final MediaType mediaType;

    Format(MediaType mediaType) {
      this.mediaType = mediaType;
    }

    String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final List<String> CSV_COLUMNS =
      List.of(
          "companySequence",
          "eventId",
          "occurredAt",
          "accountId",
          "version",
          "type",
          "actor",
          "actorType",
          "correlationId",
          "changes",
          "hash");

  private final AuditTrailRepository entries;
  private final JsonMapper json;

  AuditExport(AuditTrailRepository entries, JsonMapper json) {
    this.entries = entries;
    this.json = json;
  }

  void write(AuditQuery query, Format format, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
    if (format == Format.CSV) {
      writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
    }
    try {
      entries.oldestFirst(
          query,
          1,
          entry -> {
            write(entry, format, writer);
            return true;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
  }

  private void write(AuditEntryView entry, Format format, Writer writer) {
    try {
      if (format == Format.NDJSON) {
        writer.write(json.writeValueAsString(entry));
        writer.write('\n');
        return;
      }
      Map<String, Object> values =
          Map.ofEntries(
              Map.entry("companySequence", entry.companySequence()),
              Map.entry("eventId", entry.eventId()),
              Map.entry("occurredAt", entry.occurredAt()),
              Map.entry("accountId", entry.accountId()),
              Map.entry("version", entry.version()),
              Map.entry("type", entry.type()),
              Map.entry("actor", entry.actor()),
              Map.entry("actorType", entry.actorType()),
              Map.entry("correlationId", entry.correlationId()),
              Map.entry("changes", entry.changes().toString()),
              Map.entry("hash", entry.hash()));
      for (int i = 0; i < CSV_COLUMNS.size(); i++) {
        if (i > 0) {
          writer.write(',');
        }
        writer.write(csvField(String.valueOf(values.get(CSV_COLUMNS.get(i)))));
      }
      writer.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  static String csvField(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
