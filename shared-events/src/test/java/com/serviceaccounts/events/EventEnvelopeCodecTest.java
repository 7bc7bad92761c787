package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventEnvelopeCodecTest {

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();

  static EventEnvelope envelope(EventType type) {
    return new EventEnvelope(
        UUID.fromString("9d7c2f7a-54a4-4f0e-9b7e-2f0b8c1d3e4f"),
        type,
        GoldenEventJsonTest.ACCOUNT,
        GoldenEventJsonTest.COMPANY,
        3,
        17,
        Instant.parse("2026-11-28T10:15:30.123456Z"),
        "alice@acme.example",
        "service_account",
        "req-42",
        GoldenEventJsonTest.sample(type));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void survivesTheTripThroughKafkaHeadersAndValue(EventType type) {
    RecordHeaders headers = new RecordHeaders();
    byte[] value;
    try (var serializer = new CloudEventSerializer();
        var deserializer = new CloudEventDeserializer()) {
      serializer.configure(Map.of(), false);
      deserializer.configure(Map.of(), false);
      value = serializer.serialize("topic", headers, codec.toCloudEvent(envelope(type)));
      CloudEvent read = deserializer.deserialize("topic", headers, value);
      assertThat(codec.fromCloudEvent(read)).isEqualTo(envelope(type));
    }
    assertThat(headers.lastHeader("ce_type").value()).asString().isEqualTo(type.cloudEventType());
    assertThat(headers.lastHeader("ce_dataschema").value())
        .asString()
        .isEqualTo(type.schemaId(type.revision()).toString());
    assertThat(headers.lastHeader("ce_subject").value())
        .asString()
        .isEqualTo(GoldenEventJsonTest.ACCOUNT.toString());
    assertThat(headers.lastHeader("ce_accountversion").value()).asString().isEqualTo("3");
    assertThat(headers.lastHeader("ce_companysequence").value()).asString().isEqualTo("17");
    assertThat(headers.lastHeader("ce_actortype").value()).asString().isEqualTo("service_account");
    assertThat(headers.toArray())
        .extracting(Header::key)
        .contains("ce_companyid", "ce_actor", "ce_correlationid");
  }

  @Test
  void readsARevisionOneCreationAsAPreviousReleasePublishedIt() throws Exception {
    EventType type = EventType.SERVICE_ACCOUNT_CREATED;
    byte[] revisionOne =
        EventJson.newMapper().writeValueAsBytes(GoldenEventJsonTest.golden(type, 1));
    CloudEvent previousRelease =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(type)))
            .withType("com.serviceaccounts.ServiceAccountCreated.v1")
            .withDataSchema((java.net.URI) null)
            .withData("application/json", revisionOne)
            .build();
    assertThat(codec.fromCloudEvent(previousRelease)).isEqualTo(envelope(type));
  }

  @Test
  void refusesARevisionNewerThanItKnows() {
    EventType type = EventType.SERVICE_ACCOUNT_EDITED;
    CloudEvent fromTheFuture =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(type)))
            .withType(type.cloudEventType(type.revision() + 1))
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(fromTheFuture))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("unknown event type " + type.cloudEventType(type.revision() + 1));
  }

  @Test
  void refusesAnUnknownType() {
    CloudEvent unknown =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withType("com.example.SomethingElse")
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(unknown))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("unknown event type com.example.SomethingElse");
  }

  @Test
  void refusesAPayloadThatDoesNotParse() {
    CloudEvent garbled =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_EDITED)))
            .withData("application/json", "{not json".getBytes())
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(garbled))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("event " + envelope(EventType.SERVICE_ACCOUNT_EDITED).eventId())
        .hasMessageContaining("is unreadable");
  }

  @ParameterizedTest
  @ValueSource(strings = {EventEnvelopeCodec.COMPANY_SEQUENCE, EventEnvelopeCodec.ACTOR_TYPE})
  void refusesAnEventWithoutItsCompanySequenceOrActorType(String extension) {
    CloudEvent incomplete =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_EDITED)))
            .withoutExtension(extension)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(incomplete))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining(extension);
  }

  @Test
  void refusesAMissingExtension() {
    CloudEvent noActor =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withoutExtension(EventEnvelopeCodec.ACTOR)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(noActor))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("actor");
  }

  static Stream<String> actorsNoTokenCouldCarry() {
    return Stream.of(
        "=HYPERLINK(\"http://evil.example\")",
        "+1",
        "@SUM(A1)",
        "-2",
        " user:alice@acme.example",
        "\u00a0=1+1",
        "user:alice@acme.example\u3000",
        "user:\u200badmin",
        "user:a\u0000b",
        "user:" + "a".repeat(10_000));
  }

  @ParameterizedTest
  @MethodSource("actorsNoTokenCouldCarry")
  void refusesAnActorNoTokenCouldCarry(String actor) {
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withExtension(EventEnvelopeCodec.ACTOR, actor)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("actor");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"https://evil.example\")", "-1", "a b", "", "c\u0000"})
  void refusesACorrelationIdNoEdgeWouldMake(String correlationId) {
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withExtension(EventEnvelopeCodec.CORRELATION_ID, correlationId)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("correlation id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"https://evil.example\",\"x\")", "User", "user\u202e", ""})
  void refusesAnActorTypeThatIsNoLowerCaseWord(String actorType) {
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withExtension(EventEnvelopeCodec.ACTOR_TYPE, actorType)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("actor type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"})
  void refusesATimeBeyondFourDigitYears(String time) {
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_CREATED)))
            .withTime(Instant.parse(time).atOffset(java.time.ZoneOffset.UTC))
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("not between the years 1 and 9999");
  }

  /** Payloads with a value missing or of another type, each as a field of a real event. */
  static Stream<Arguments> payloadsNotOfTheirType() {
    return Stream.of(
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "clientSecretHash", null),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "name", 12345),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "name", true),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "appType", 1),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "appType", "1"),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "name", "lo\ud800w"),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "name", "tab\there"),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "marketplaceAppId", "m\ud800x"),
        // Far above what the command side writes; bounded so that a forged event cannot make the
        // projections store and serve hundreds of kilobytes.
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "name", "n".repeat(1_001)),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "clientId", "c".repeat(201)),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "marketplaceAppId", "m".repeat(201)),
        Arguments.of(EventType.SERVICE_ACCOUNT_CREATED, "sealedContactEmail", "p".repeat(2_001)),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "clientSecretHash", null),
        Arguments.of(
            EventType.SERVICE_ACCOUNT_CREATED,
            "clientSecretHash",
            "md5:0cc175b9c0f1b6a831c399e269772661"),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED,
            "clientSecretHash",
            "sha256:" + "CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB"),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "clientSecretHash", "sha256:ca978112"),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED,
            "clientSecretHash",
            "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\n"),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", null),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", "+10000-01-01T00:00:00Z"),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", 1796000000),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", 1.7e9),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", -1),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", "1796000000"),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", "2027-01-01t00:00:00z"),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", " 2027-01-01T00:00:00Z"),
        Arguments.of(
            EventType.CLIENT_SECRET_ROTATED, "previousSecretsExpireAt", "2026-12-31T23:59:60Z"),
        Arguments.of(
            EventType.SERVICE_ACCOUNT_DELETED, "restorableUntil", "2027-01-01T00:00:00+00:00"),
        Arguments.of(EventType.SERVICE_ACCOUNT_DELETED, "restorableUntil", "2027-02-30T00:00:00Z"),
        Arguments.of(
            EventType.SERVICE_ACCOUNT_DELETED, "restorableUntil", "+10000-01-01T00:00:00Z"),
        Arguments.of(EventType.SERVICE_ACCOUNT_DELETED, "restorableUntil", "-0001-01-01T00:00:00Z"),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "secretNumber", 2.9),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "secretNumber", "2"),
        Arguments.of(EventType.CLIENT_SECRET_ROTATED, "secretNumber", 0));
  }

  @ParameterizedTest
  @MethodSource("payloadsNotOfTheirType")
  void refusesAPayloadWithAValueMissingOrOfAnotherType(EventType type, String field, Object value)
      throws Exception {
    ObjectMapper json = EventJson.newMapper();
    ObjectNode payload = (ObjectNode) json.valueToTree(GoldenEventJsonTest.sample(type));
    if (value == null) {
      payload.remove(field);
    } else {
      payload.set(field, json.valueToTree(value));
    }
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(type)))
            .withData("application/json", json.writeValueAsBytes(payload))
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void refusesAToolIdWithControlCharacters() throws Exception {
    CloudEvent forged =
        permissionsChanged(changes -> changes.set("to\u0007ol", changes.elements().next()));
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("tool must not contain control characters");
  }

  @Test
  void refusesAPermissionsEventOfMoreToolsThanAnyCompanyHas() throws Exception {
    CloudEvent forged =
        permissionsChanged(
            changes -> {
              JsonNode change = changes.elements().next();
              for (int i = 0; i < 1_001; i++) {
                changes.set("tool-" + i, change);
              }
            });
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("at most 1000 tools");
  }

  /** A permissions event of the golden sample, its {@code changes} altered by {@code alter}. */
  private CloudEvent permissionsChanged(Consumer<ObjectNode> alter) throws Exception {
    ObjectMapper json = EventJson.newMapper();
    ObjectNode payload =
        (ObjectNode)
            json.valueToTree(
                GoldenEventJsonTest.sample(EventType.SERVICE_ACCOUNT_PERMISSIONS_CHANGED));
    alter.accept((ObjectNode) payload.get("changes"));
    return CloudEventBuilder.v1(
            codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_PERMISSIONS_CHANGED)))
        .withData("application/json", json.writeValueAsBytes(payload))
        .build();
  }

  @Test
  void refusesAPayloadThatNamesAFieldTwice() {
    String named =
        new String(
            codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_EDITED)).getData().toBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    byte[] twice =
        ("{\"accountId\":\"" + GoldenEventJsonTest.ACCOUNT + "\"," + named.substring(1))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    CloudEvent forged =
        CloudEventBuilder.v1(codec.toCloudEvent(envelope(EventType.SERVICE_ACCOUNT_EDITED)))
            .withData("application/json", twice)
            .build();
    assertThatThrownBy(() -> codec.fromCloudEvent(forged))
        .isInstanceOf(UnreadableEventException.class);
  }
}
