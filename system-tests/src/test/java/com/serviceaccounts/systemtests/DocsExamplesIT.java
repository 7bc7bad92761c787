package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.localstack.ServiceProcess;
import com.serviceaccounts.testsupport.TestTokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code bash} block of the README and of {@code docs/} runs, in the order of its document,
 * in one shell per document, against a running system of its own (a rebuild or an operator's action
 * in the docs disturbs no other test). The blocks run exactly as written but for the addresses of
 * the services (the local stack's ports become the test system's) and the folder of the development
 * issuer. A block fails the test when a command fails: the examples call curl with {@code
 * --fail-with-body}, so an answer other than 2xx is a failure.
 */
class DocsExamplesIT {

  private static RunningSystem system;
  private static Path dataDirectory;

  @BeforeAll
  static void startSystem() throws IOException {
    system = RunningSystem.builder().withTokenServiceAndWebUi().isolated().start();
    dataDirectory = Files.createTempDirectory("docs-examples-");
    // The token command reads <data-dir>/issuer: the key the test system trusts.
    Files.createSymbolicLink(
        dataDirectory.resolve("issuer"), TestTokens.publicKeyPem().getParent());
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  static List<Path> documentsWithExamples() {
    return Documentation.documents().stream()
        .filter(document -> !bashBlocks(document).isEmpty())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("documentsWithExamples")
  void everyExampleRuns(Path document) throws Exception {
    String script = "set -euo pipefail\n" + bashBlocks(document);
    Path workDirectory = Files.createTempDirectory("docs-example-run-");
    Path output = workDirectory.resolve("output.txt");
    Process shell =
        new ProcessBuilder("bash", "-c", forThisSystem(script))
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean ended = shell.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      shell.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println("=== " + document + "\n" + printed);
    assertThat(ended).as("the examples of %s ended within 5 minutes", document).isTrue();
    assertThat(shell.exitValue())
        .as(
            "the examples of %s; the last '>>>' line names the block that failed:%n%s",
            document, printed)
        .isZero();
  }

  /**
   * docs/api.md lists exactly the operations each service's OpenAPI document describes (the
   * document itself is checked against the service's controllers by each service's own test).
   */
  @ParameterizedTest
  @MethodSource("services")
  void theApiReferenceListsWhatEachServiceServes(String service) throws Exception {
    ServiceProcess process =
        switch (service) {
          case "command-service" -> system.commandService;
          case "query-service" -> system.queryService;
          default -> system.tokenService;
        };
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(process.baseUri().resolve("/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    String generated = operationsTable(CompanyClient.JSON.readTree(answer.body()));
    Path api = Documentation.root().resolve("docs/api.md");
    String section = service + " operations";
    assertThat(GeneratedSections.compareOrUpdate(api, section, generated))
        .as("docs/api.md's %s (run with -Ddocs.update=true to write it)", section)
        .isEqualTo(generated);
  }

  static List<String> services() {
    return List.of("command-service", "query-service", "token-service");
  }

  /** Method, path and summary of every operation, in the order of the paths. */
  private static String operationsTable(JsonNode openApi) {
    StringBuilder table = new StringBuilder("| method | path | operation |\n|---|---|---|\n");
    Set<String> methods = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    new TreeMap<>(fields(openApi.path("paths")))
        .forEach(
            (path, operations) ->
                fields(operations)
                    .forEach(
                        (method, operation) -> {
                          if (methods.contains(method)) {
                            table
                                .append("| `")
                                .append(method.toUpperCase(Locale.ROOT))
                                .append("` | `")
                                .append(path)
                                .append("` | ")
                                .append(name(operation).replace("|", "\\|"))
                                .append(" |\n");
                          }
                        }));
    return table.toString();
  }

  /** The operation's summary, or else its id (the handler method's name). */
  private static String name(JsonNode operation) {
    String summary = operation.path("summary").asText("");
    return summary.isBlank() ? "`" + operation.path("operationId").asText("") + "`" : summary;
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
    return fields;
  }

  /** The document's bash blocks, each announced by the line it starts at. */
  private static String bashBlocks(Path document) {
    String name = Documentation.root().relativize(document).toString();
    return Documentation.blocks(document).stream()
        .filter(block -> block.info().equals("bash"))
        .map(block -> "echo '>>> " + name + ":" + block.line() + "'\n" + block.code())
        .collect(Collectors.joining());
  }

  private static String forThisSystem(String script) {
    Path localStackJar = Documentation.root().resolve("local-stack/target/local-stack.jar");
    return script
        .replace("http://localhost:8080", address(system.commandService.baseUri().toString()))
        .replace("http://localhost:8081", address(system.queryService.baseUri().toString()))
        .replace("http://localhost:8082", address(system.tokenService.baseUri().toString()))
        .replace("http://localhost:8083", address(system.webUi.baseUri().toString()))
        .replace(
            "java -jar local-stack/target/local-stack.jar token",
            "java -jar " + localStackJar + " token --data-dir=" + dataDirectory)
        .replace(
            "java -jar audit-verifier.jar",
            "java -jar " + Documentation.root().resolve("audit-verifier/target/audit-verifier.jar"))
        .replace("user:operator@localhost", TestTokens.OPERATOR);
  }

  private static String address(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
