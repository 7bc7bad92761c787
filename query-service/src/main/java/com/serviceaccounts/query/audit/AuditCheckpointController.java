package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.Checkpoint;
import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.contract.query.CheckpointStatus;
import com.serviceaccounts.query.security.SecurityEntries;
import com.serviceaccounts.security.problems.ProblemResponses;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A company's signed checkpoints for auditors: the newest of each chain and whether the trail
 * verifies up to it, all of them to keep, the public keys that check them, a checkpoint on demand,
 * and the bundle the standalone verifier takes. ADMIN on the company's Admin tool, like the trail.
 */
@RestController
@PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")
class AuditCheckpointController {

  static final MediaType NDJSON = new MediaType("application", "x-ndjson", StandardCharsets.UTF_8);
  static final MediaType PEM = new MediaType("application", "x-pem-file", StandardCharsets.UTF_8);

  private final AuditCheckpoints checkpoints;
  private final CheckpointStatuses statuses;
  private final CheckpointRepository stored;
  private final CheckpointKeys keys;
  private final AuditExport export;
  private final SecurityEntries securityEntries;
  private final JsonMapper json;

  AuditCheckpointController(
      AuditCheckpoints checkpoints,
      CheckpointStatuses statuses,
      CheckpointRepository stored,
      CheckpointKeys keys,
      AuditExport export,
      SecurityEntries securityEntries,
      JsonMapper json) {
    this.checkpoints = checkpoints;
    this.statuses = statuses;
    this.stored = stored;
    this.keys = keys;
    this.export = export;
    this.securityEntries = securityEntries;
    this.json = json;
  }

  /** The newest checkpoint of each chain, and whether the stored chain still agrees with it. */
  @ReadAgainOnAnEndedConnection
  @GetMapping(
      path = "/companies/{companyId}/audit/checkpoints/latest",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<CheckpointStatus> latest(@PathVariable UUID companyId) {
    return statuses.of(companyId);
  }

  /** Every checkpoint of the company, both chains, oldest first: one signed JSON object a line. */
  @GetMapping("/companies/{companyId}/audit/checkpoints")
  ResponseEntity<StreamingResponseBody> all(@PathVariable UUID companyId) {
    return ResponseEntity.ok()
        .contentType(NDJSON)
        .body(
            out -> {
              Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
              writeCheckpoints(companyId, writer);
              writer.flush();
            });
  }

  /**
   * Checkpoints of both chains now (a chain that has not grown keeps its newest), each the signed
   * object a line of {@link #all} holds, its members in the same order.
   */
  @PostMapping(
      path = "/companies/{companyId}/audit/checkpoints",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<JsonNode> checkpointNow(@PathVariable UUID companyId) {
    try {
      return checkpoints.checkpointNow(companyId).stream()
          .map(checkpoint -> json.readTree(checkpoint.toJson()))
          .toList();
    } catch (AuditCheckpoints.NoSigningKeyException e) {
      throw problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE, "No signing key", e);
    } catch (AuditCheckpoints.ChainBrokenException e) {
      throw problem(
          HttpStatus.CONFLICT, ProblemCode.AUDIT_CHAIN_BROKEN, "Chain does not verify", e);
    }
  }

  /** The published public keys, current first, as PEM: every key that ever signed a checkpoint. */
  @ReadAgainOnAnEndedConnection
  @GetMapping("/companies/{companyId}/audit/checkpoint-keys")
  ResponseEntity<String> publicKeys(@PathVariable UUID companyId) {
    return ResponseEntity.ok().contentType(PEM).body(keys.pem());
  }

  /**
   * What an auditor keeps and the standalone verifier takes, as one zip: {@code checkpoints.ndjson}
   * (read first, so the entries written after reach at least the newest of them), {@code
   * public-keys.pem}, {@code audit-entries.ndjson}, {@code security-entries.ndjson}.
   */
  @GetMapping("/companies/{companyId}/audit/bundle")
  ResponseEntity<StreamingResponseBody> bundle(@PathVariable UUID companyId) {
    List<Checkpoint> signed = new ArrayList<>();
    stored.all(companyId, signed::add);
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("audit-bundle-" + companyId + ".zip")
                .build()
                .toString())
        .body(out -> writeBundle(companyId, signed, out));
  }

  private void writeBundle(UUID companyId, List<Checkpoint> signed, OutputStream out)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry("checkpoints.ndjson"));
    for (Checkpoint checkpoint : signed) {
      writer.write(checkpoint.toJson());
      writer.write('\n');
    }
    writer.flush();
    zip.putNextEntry(new ZipEntry("public-keys.pem"));
    writer.write(keys.pem());
    writer.flush();
    zip.putNextEntry(new ZipEntry("audit-entries.ndjson"));
    export.write(
        new AuditQuery(companyId, null, null, Set.of(), null, null),
        AuditExport.Format.NDJSON,
        zip);
    zip.putNextEntry(new ZipEntry("security-entries.ndjson"));
    try {
      securityEntries.inChainOrder(
          companyId,
          1,
          entry -> {
            try {
              writer.write(entry.row().toString());
              writer.write('\n');
              return true;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
    zip.finish();
  }

  private void writeCheckpoints(UUID companyId, Writer writer) {
    stored.all(
        companyId,
        checkpoint -> {
          try {
            writer.write(checkpoint.toJson());
            writer.write('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A problem whose type is its code's, with the exception's message as its detail. */
  private static ErrorResponseException problem(
      HttpStatus status, ProblemCode code, String title, RuntimeException cause) {
    return new ErrorResponseException(
        status,
        ProblemResponses.problem(status, code.code(), code, title, cause.getMessage()),
        cause);
  }
}
