package com.serviceaccounts.systemtests;

import static com.serviceaccounts.systemtests.CompanyClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed audit checkpoints as the running system makes them: query-service is started with a
 * signing key, as everywhere the system runs, so an edit's audit entry gets a checkpoint on demand,
 * the trail verifies up to it, and the bundle an auditor downloads proves with the standalone
 * verifier: the audit chain up to its checkpoint, and the company's empty security chain (no one
 * was refused anything) as missing nothing.
 */
class AuditCheckpointsSystemIT extends ACompanyOnTheRunningSystem {

  @Test
  void anEditGetsASignedCheckpointThatTheTrailAndTheVerifierProve(@TempDir Path bundle)
      throws Exception {
    HttpResponse<String> created =
        client.command(
            system.commandService.baseUri(),
            "POST",
            client.accounts(),
            CompanyClient.newAccount("checkpointed", "CUSTOM", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String trail = client.accounts() + "/" + JSON.readTree(created.body()).get("id").asText();
    await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.rawQuery(system.queryService.baseUri(), trail + "/audit"), this::hasEntry);
    JsonNode entry = client.query(system.queryService.baseUri(), trail + "/audit").at("/items/0");
    String checkpoints = "/companies/" + company + "/audit/checkpoints";
    HttpResponse<String> made =
        client.send(
            system.queryService.baseUri().resolve(checkpoints),
            "POST",
            CompanyClient.alice(checkpoints),
            null);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
    JsonNode audit = auditCheckpoint(JSON.readTree(made.body()));
    assertThat(audit).as(made.body()).isNotNull();
    assertThat(audit.get("lastSequence").asLong()).isEqualTo(entry.get("companySequence").asLong());
    assertThat(audit.get("lastHash").asText()).isEqualTo(entry.get("hash").asText());

    JsonNode latest = client.query(system.queryService.baseUri(), checkpoints + "/latest");
    assertThat(latest)
        .anySatisfy(
            status -> {
              assertThat(status.get("chain").asText()).isEqualTo("audit");
              assertThat(status.get("number").asLong()).isEqualTo(audit.get("number").asLong());
              assertThat(status.get("verified").asBoolean()).as(status.toString()).isTrue();
            });

    unzip(download("/companies/" + company + "/audit/bundle"), bundle);
    Process verifier =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("audit-verifier.jar"),
                bundle.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verifier.waitFor()).as(said).isZero();
    assertThat(said)
        .contains("OK: audit chain", "OK: security chain (security-entries.ndjson): no entries");
  }

  /** The audit chain's checkpoint among those made (each one's JSON text), or null. */
  private static JsonNode auditCheckpoint(JsonNode made) throws Exception {
    for (JsonNode checkpoint : made) {
      if (checkpoint.get("chain").asText().equals("audit")) {
        return checkpoint;
      }
    }
    return null;
  }

  private boolean hasEntry(HttpResponse<String> response) {
    try {
      return response.statusCode() == 200 && JSON.readTree(response.body()).get("items").size() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(system.queryService.baseUri().resolve(path))
                    .header("Authorization", CompanyClient.alice(path))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static void unzip(byte[] zip, Path folder) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        // the bundle's four files, flat
        Files.write(
            folder.resolve(Path.of(entry.getName()).getFileName().toString()), in.readAllBytes());
      }
    }
    assertThat(folder.resolve("checkpoints.ndjson")).exists();
  }
}
