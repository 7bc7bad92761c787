package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A released revision's schema may change only in ways no consumer of it notices. Every schema that
 * was ever released is kept, frozen, under {@code released-schemas/} (test resources); the
 * contract's schema of the same name must still accept everything a consumer of the released one
 * relies on: each field it names, with the same type, format, pattern and constant, still required
 * where it was, and no new enum value. A change that breaks this needs a new revision
 * (docs/events.md). A newly released schema is copied there when it is added.
 */
class SchemaCompatibilityTest {

  private static final ObjectMapper JSON = EventJson.newMapper();

  static Stream<String> releasedSchemas() throws IOException, URISyntaxException {
    Path released =
        Path.of(
            SchemaCompatibilityTest.class.getClassLoader().getResource("released-schemas").toURI());
    try (Stream<Path> files = Files.list(released)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("releasedSchemas")
  void theContractStillAcceptsWhatAConsumerOfTheReleasedSchemaReliesOn(String name)
      throws IOException {
    JsonNode current = resource("events/schemas/" + name);
    assertThat(current).as("the contract still has the released schema %s", name).isNotNull();
    assertThat(breakingChanges(resource("released-schemas/" + name), current)).isEmpty();
  }

  @Test
  void everySchemaOfTheContractIsReleased() throws Exception {
    Set<String> released = new TreeSet<>(releasedSchemas().toList());
    for (EventType type : EventType.values()) {
      for (int revision = 1; revision <= type.revision(); revision++) {
        String name = type.schemaResource(revision).substring("events/schemas/".length());
        assertThat(released).as("released-schemas/%s", name).contains(name);
      }
    }
  }

  @Test
  void findsARemovedARetypedAndANewlyOptionalFieldAndANewEnumValue() throws IOException {
    JsonNode released = resource("released-schemas/ServiceAccountCreated.v1.json");

    ObjectNode removed = released.deepCopy();
    ((ObjectNode) removed.get("properties")).remove("encryptedContactEmail");
    assertThat(breakingChanges(released, removed))
        .anySatisfy(change -> assertThat(change).contains("encryptedContactEmail"));

    ObjectNode retyped = released.deepCopy();
    ((ObjectNode) retyped.at("/properties/name")).put("type", "integer");
    assertThat(breakingChanges(released, retyped))
        .anySatisfy(change -> assertThat(change).contains("/properties/name"));

    ObjectNode optional = released.deepCopy();
    ArrayNode required = optional.putArray("required");
    released
        .get("required")
        .forEach(
            field -> {
              if (!field.asText().equals("clientId")) {
                required.add(field);
              }
            });
    assertThat(breakingChanges(released, optional))
        .anySatisfy(change -> assertThat(change).contains("clientId"));

    ObjectNode widened = released.deepCopy();
    ((ArrayNode) widened.at("/properties/appType/enum")).add("PARTNER");
    assertThat(breakingChanges(released, widened))
        .anySatisfy(change -> assertThat(change).contains("PARTNER"));
  }

  @Test
  void anAddedOptionalFieldAndABetterDescriptionBreakNothing() throws IOException {
    JsonNode released = resource("released-schemas/ServiceAccountCreated.v1.json");
    ObjectNode added = released.deepCopy();
    ((ObjectNode) added.get("properties")).putObject("approvedBy").put("type", "string");
    ((ObjectNode) added.at("/properties/name")).put("description", "What the admin called it.");
    assertThat(breakingChanges(released, added)).isEmpty();
  }

  /**
   * What a consumer of {@code released} would notice in {@code current}. Hand-written: no library
   * on Maven Central compares two JSON Schemas for what a reader relies on.
   */
  static List<String> breakingChanges(JsonNode released, JsonNode current) {
    List<String> changes = new ArrayList<>();
    compare(released, current, "", changes);
    return changes;
  }

  private static void compare(JsonNode released, JsonNode current, String at, List<String> out) {
    if (current == null || current.isMissingNode()) {
      out.add(at + " was removed");
      return;
    }
    for (String keyword : List.of("type", "format", "pattern", "const")) {
      if (released.has(keyword) && !released.get(keyword).equals(current.get(keyword))) {
        out.add(
            at
                + "/"
                + keyword
                + " changed from "
                + released.get(keyword)
                + " to "
                + current.get(keyword));
      }
    }
    if (released.has("enum")) {
      Set<JsonNode> known = new HashSet<>();
      released.get("enum").forEach(known::add);
      if (!current.has("enum")) {
        out.add(at + "/enum was removed");
      } else {
        current
            .get("enum")
            .forEach(
                value -> {
                  if (!known.contains(value)) {
                    out.add(at + "/enum gained " + value);
                  }
                });
      }
    }
    if (released.has("required")) {
      Set<JsonNode> required = new HashSet<>();
      current.path("required").forEach(required::add);
      released
          .get("required")
          .forEach(
              field -> {
                if (!required.contains(field)) {
                  out.add(at + "/required no longer has " + field);
                }
              });
    }
    if (released.has("properties")) {
      released
          .get("properties")
          .fields()
          .forEachRemaining(
              property ->
                  compare(
                      property.getValue(),
                      current.path("properties").get(property.getKey()),
                      at + "/properties/" + property.getKey(),
                      out));
    }
    for (String keyword : List.of("additionalProperties", "items")) {
      if (released.path(keyword).isObject()) {
        compare(released.get(keyword), current.get(keyword), at + "/" + keyword, out);
      }
    }
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in =
        SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : JSON.readTree(in);
    }
  }
}
