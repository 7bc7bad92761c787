package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceaccounts.events.contract.EventContract;
import com.serviceaccounts.events.security.SecurityEntry;
import com.serviceaccounts.events.usage.CredentialUsage;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published contract (events/asyncapi.json, a JSON Schema per event type and revision) says
 * what the code writes: every revision's example, with the headers the codec writes, is a message
 * of the contract, and the current revision's schema names exactly the payload's fields.
 */
class EventContractTest {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private final EventContract contract = EventContract.fromClassPath();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyRevisionHasASchemaWhoseIdIsItsDataSchema(EventType type) throws IOException {
    for (int revision = 1; revision <= type.revision(); revision++) {
      JsonNode schema = resource(type.schemaResource(revision));
      assertThat(schema.get("$id").asText()).isEqualTo(type.schemaId(revision).toString());
      assertThat(contract.payloadSchema(EventTopic.DEFAULT_NAME, type.cloudEventType(revision)))
          .contains(type.schemaResource(revision).substring("events/".length()));
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyRevisionsExampleWithTheCodecsHeadersIsAMessageOfTheContract(EventType type)
      throws IOException {
    for (int revision = 1; revision <= type.revision(); revision++) {
      byte[] example = JSON.writeValueAsBytes(resource(type.exampleResource(revision)));
      assertThat(contract.violations(EventTopic.DEFAULT_NAME, headers(type, revision), example))
          .as("%s revision %d", type, revision)
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theCurrentSchemaNamesExactlyThePayloadsFields(EventType type) throws IOException {
    JsonNode schema = resource(type.schemaResource(type.revision()));
    Set<String> fields = new TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(type.payloadType().getRecordComponents())
                .map(component -> component.getName())
                .toList());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyRevisionAfterTheFirstHasItsUpcastingStep(EventType type) {
    assertThat(EventRevisions.steps(type)).hasSize(type.revision() - 1);
  }

  @Test
  void theContractHasAChannelPerTopicAndAMessagePerEventTypeAndRevision() {
    var asyncApi = contract.asyncApi();
    assertThat(asyncApi.get("asyncapi").asString()).isEqualTo("3.0.0");
    Set<String> addresses = new TreeSet<>();
    asyncApi.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
    assertThat(addresses)
        .containsExactlyInAnyOrder(
            EventTopic.DEFAULT_NAME, EventTopic.SECURITY_NAME, EventTopic.USAGE_NAME);
    Set<String> messages = new TreeSet<>();
    asyncApi.at("/channels/serviceAccountEvents/messages").propertyNames().forEach(messages::add);
    assertThat(messages)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(EventType.values())
                .flatMap(
                    type ->
                        IntStream.rangeClosed(1, type.revision())
                            .mapToObj(revision -> type.shortName() + ".v" + revision))
                .collect(Collectors.toSet()));
  }

  @Test
  void anEventThatBreaksItsSchemaIsNotAMessageOfTheContract() throws IOException {
    EventType type = EventType.SERVICE_ACCOUNT_CREATED;
    byte[] revisionOne = JSON.writeValueAsBytes(resource(type.exampleResource(1)));
    assertThat(contract.violations(EventTopic.DEFAULT_NAME, headers(type, 2), revisionOne))
        .anySatisfy(violation -> assertThat(violation).contains("sealedContactEmail"));

    ObjectNode retyped = (ObjectNode) resource(type.exampleResource(2));
    retyped.put("accountId", 42);
    assertThat(
            contract.violations(
                EventTopic.DEFAULT_NAME, headers(type, 2), JSON.writeValueAsBytes(retyped)))
        .anySatisfy(violation -> assertThat(violation).contains("accountId"));

    Map<String, String> noCompany = headers(type, 2);
    noCompany.remove("ce_companyid");
    assertThat(
            contract.violations(
                EventTopic.DEFAULT_NAME,
                noCompany,
                JSON.writeValueAsBytes(resource(type.exampleResource(2)))))
        .anySatisfy(violation -> assertThat(violation).contains("ce_companyid"));
  }

  @Test
  void securityEntriesAndUsageReportsAreMessagesOfTheContract() throws IOException {
    SecurityEntry entry =
        new SecurityEntry(
            UUID.randomUUID(),
            GoldenEventJsonTest.COMPANY,
            null,
            "token-service",
            "client_credentials",
            401,
            "unknown client",
            "sa_unknown",
            "anonymous",
            "req-7",
            Instant.parse("2026-11-28T10:15:30.123Z"));
    CredentialUsage usage =
        new CredentialUsage(
            GoldenEventJsonTest.ACCOUNT,
            GoldenEventJsonTest.COMPANY,
            2,
            Instant.parse("2026-11-28T10:15:30.123Z"),
            12);
    assertThat(
            contract.violations(EventTopic.SECURITY_NAME, Map.of(), JSON.writeValueAsBytes(entry)))
        .isEmpty();
    assertThat(contract.violations(EventTopic.USAGE_NAME, Map.of(), JSON.writeValueAsBytes(usage)))
        .isEmpty();
  }

  /** The Kafka headers the codec writes for an event of this type, named at {@code revision}. */
  private static Map<String, String> headers(EventType type, int revision) {
    CloudEvent event =
        CloudEventBuilder.v1(
                new EventEnvelopeCodec().toCloudEvent(EventEnvelopeCodecTest.envelope(type)))
            .withType(type.cloudEventType(revision))
            .withDataSchema(type.schemaId(revision))
            .build();
    RecordHeaders headers = new RecordHeaders();
    try (var serializer = new CloudEventSerializer()) {
      serializer.configure(Map.of(), false);
      serializer.serialize("topic", headers, event);
    }
    Map<String, String> strings = new HashMap<>();
    for (Header header : headers) {
      strings.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return strings;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
