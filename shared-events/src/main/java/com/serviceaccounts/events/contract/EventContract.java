package com.serviceaccounts.events.contract;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published event contract, read as a consumer outside the services reads it: the AsyncAPI
 * document ({@code asyncapi.json}) and the JSON Schemas it refers to, from shared-events'
 * class-path resources under {@code events/} or from a service that serves them. A Kafka record
 * belongs to the channel whose address is its topic and, where the channel has several messages, to
 * the message whose headers fix the record's {@code ce_type}; its value must validate against the
 * message's payload schema and its headers against the message's headers schema (JSON Schema
 * 2020-12, with formats asserted).
 */
public final class EventContract {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final Function<String, byte[]> documents;
  private final JsonNode asyncApi;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private EventContract(Function<String, byte[]> documents) {
    this.documents = documents;
    this.asyncApi = JSON.readTree(documents.apply("asyncapi.json"));
  }

  /** The contract as shared-events' jar holds it. */
  public static EventContract fromClassPath() {
    return new EventContract(
        path -> {
          try (InputStream in =
              EventContract.class.getClassLoader().getResourceAsStream("events/" + path)) {
            if (in == null) {
              throw new IllegalStateException("the contract has no document events/" + path);
            }
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * The contract as a service serves it, e.g. {@code http://localhost:8080/events/}; fetched
   * without a token, as the documents are open.
   */
  public static EventContract servedAt(URI base) {
    HttpClient http = HttpClient.newHttpClient();
    return new EventContract(
        path -> {
          try {
            HttpResponse<byte[]> response =
                http.send(
                    HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
              throw new IllegalStateException(
                  base.resolve(path) + " answered " + response.statusCode());
            }
            return response.body();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  /** The AsyncAPI document. */
  public JsonNode asyncApi() {
    return asyncApi;
  }

  /** A document of the contract by its path relative to the AsyncAPI document, parsed. */
  public JsonNode document(String path) {
    return JSON.readTree(documents.apply(path));
  }

  /**
   * What is wrong with a record, in words; empty if it is one of the contract's messages.
   *
   * @param topic the record's topic, which must be the address of one of the document's channels
   * @param headers the record's headers as UTF-8 strings (the last value of each)
   * @param value the record's value
   */
  public List<String> violations(String topic, Map<String, String> headers, byte[] value) {
    Optional<JsonNode> channel = channel(topic);
    if (channel.isEmpty()) {
      return List.of("the contract has no channel with address " + topic);
    }
    Optional<JsonNode> message = message(channel.get(), headers.get("ce_type"));
    if (message.isEmpty()) {
      return List.of("channel " + topic + " has no message of type " + headers.get("ce_type"));
    }
    List<String> violations = new ArrayList<>();
    String payloadRef = message.get().at("/payload/schema/$ref").asString();
    String text = new String(value, StandardCharsets.UTF_8);
    schema(payloadRef, () -> document(payloadRef))
        .validate(text, com.networknt.schema.InputFormat.JSON, EventContract::assertFormats)
        .forEach(error -> violations.add("value: " + error));
    JsonNode headersSchema = message.get().get("headers");
    if (headersSchema != null) {
      String key = "headers of " + message.get().get("title").asString();
      schema(key, () -> resolved(headersSchema))
          .validate(JSON.valueToTree(headers), EventContract::assertFormats)
          .forEach(error -> violations.add("headers: " + error));
    }
    return violations;
  }

  /**
   * The payload schema's path (relative to the AsyncAPI document) of the message a record of this
   * topic and {@code ce_type} is; empty if the contract has none.
   */
  public Optional<String> payloadSchema(String topic, String cloudEventType) {
    return channel(topic)
        .flatMap(channel -> message(channel, cloudEventType))
        .map(message -> message.at("/payload/schema/$ref").asString());
  }

  private static void assertFormats(com.networknt.schema.ExecutionContext context) {
    context.executionConfig(config -> config.formatAssertionsEnabled(true));
  }

  private Optional<JsonNode> channel(String topic) {
    for (JsonNode channel : asyncApi.get("channels")) {
      if (channel.get("address").asString().equals(topic)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  private Optional<JsonNode> message(JsonNode channel, String cloudEventType) {
    List<JsonNode> messages = new ArrayList<>();
    channel.get("messages").forEach(reference -> messages.add(resolved(reference)));
    if (messages.size() == 1) {
      return Optional.of(messages.get(0));
    }
    return messages.stream()
        .filter(
            message ->
                message.findValues("ce_type").stream()
                    .anyMatch(type -> type.path("const").asString("").equals(cloudEventType)))
        .findFirst();
  }

  private Schema schema(String key, java.util.function.Supplier<JsonNode> schema) {
    return schemas.computeIfAbsent(key, ignored -> SCHEMAS.getSchema(schema.get()));
  }

  /** The node with every reference into the AsyncAPI document ({@code #/...}) replaced. */
  private JsonNode resolved(JsonNode node) {
    if (node.isObject()) {
      JsonNode reference = node.get("$ref");
      if (reference != null && reference.asString().startsWith("#/")) {
        return resolved(asyncApi.at(reference.asString().substring(1)));
      }
      ObjectNode copy = JSON.createObjectNode();
      node.properties().forEach(field -> copy.set(field.getKey(), resolved(field.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(resolved(element)));
      return copy;
    }
    return node;
  }
}
