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
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Writes a company's audit entries, oldest first, as CSV or NDJSON while they are read from the
 * database: entries go out as they come through the cursor, so memory stays the same whatever their
 * number. Each entry is written as {@link AuditChain#row} has it, which is what the standalone
 * verifier reads and hashes.
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
          "hash",
          "chainVersion",
          "companyId");

  /** RFC 4180: CRLF line ends, a field quoted only when it holds a comma, quote or line break. */
  private static final CsvMapper CSV =
      CsvMapper.builder()
          .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private static final CsvSchema CSV_SCHEMA =
      CsvSchema.builder()
          .addColumns(CSV_COLUMNS, CsvSchema.ColumnType.STRING)
          .setLineSeparator("\r\n")
          .build();

  private final AuditTrailRepository entries;

  AuditExport(AuditTrailRepository entries) {
    this.entries = entries;
  }

  void write(AuditQuery query, Format format, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
    if (format == Format.CSV) {
      // Written here, not by the CSV writer, which writes it with the first row: an export with
      // no entry has its header row too.
      writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
    }
    try (SequenceWriter csv =
        format == Format.CSV ? CSV.writer(CSV_SCHEMA).writeValues(writer) : null) {
      entries.oldestFirst(
          query,
          1,
          entry -> {
            write(AuditChain.row(entry), csv, writer);
            return true;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException cause) {
        throw cause;
      }
      throw e;
    }
    writer.flush();
  }

  private static void write(ObjectNode row, SequenceWriter csv, Writer ndjson) {
    if (csv != null) {
      row.put("changes", row.get("changes").toString());
      csv.write(row);
      return;
    }
    try {
      ndjson.write(row.toString());
      ndjson.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
