package com.serviceaccounts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLetterValueSerializerTest {

  private final DeadLetterValueSerializer serializer = new DeadLetterValueSerializer();

  @Test
  void writesUndeserializableBytesBackUnchanged() {
    byte[] raw = {1, 2, 3};
    assertThat(serializer.serialize("t.DLT", raw)).isSameAs(raw);
  }

  @Test
  void writesACloudEventAsItsDataBecauseTheRecovererCopiesTheCeHeaders() {
    var event =
        CloudEventBuilder.v1()
            .withId("1")
            .withSource(URI.create("urn:test"))
            .withType("com.example.Unknown")
            .withData("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
            .build();
    assertThat(serializer.serialize("t.DLT", event))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void writesTextAsUtf8() {
    assertThat(serializer.serialize("t.DLT", "{\"reason\":\"\u0000\"}"))
        .isEqualTo("{\"reason\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusesAnythingElse() {
    assertThatThrownBy(() -> serializer.serialize("t.DLT", 42))
        .isInstanceOf(SerializationException.class);
  }
}
