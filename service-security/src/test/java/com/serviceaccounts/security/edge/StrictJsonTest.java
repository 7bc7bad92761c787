package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

  enum Level {
    NONE,
    ADMIN
  }

  record Body(String name, Level level, Duration overlap) {}

  private final JsonMapper json = strict();

  /** A mapper with the services' strictness. */
  static JsonMapper strict() {
    JsonMapper.Builder builder = JsonMapper.builder();
    new StrictJson().customize(builder);
    return builder.build();
  }

  @Test
  void takesAWellFormedBody() {
    assertThat(
            json.readValue(
                "{\"name\":\"ERP sync\",\"level\":\"ADMIN\",\"overlap\":\"PT1H\"}", Body.class))
        .isEqualTo(new Body("ERP sync", Level.ADMIN, Duration.ofHours(1)));
  }

  @Test
  void refusesWhatALenientReaderWouldGuess() {
    for (String body :
        new String[] {
          "{\"name\":5}",
          "{\"name\":true}",
          "{\"name\":1.5}",
          "{\"level\":1}",
          "{\"level\":\"\"}",
          "{\"overlap\":3600}",
          "{\"overlap\":\"3600\"}",
          "{\"name\":\"a\",\"name\":\"b\"}",
          "{\"nmae\":\"a\"}",
          "{\"name\":\"a\"} {}",
          "{\"name\":\"a\\u0000\"}",
          "{\"name\":\"a\\ud800\"}",
          "{\"name\":\"" + "a".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}"
        }) {
      assertThatThrownBy(() -> json.readValue(body, Body.class))
          .as(body)
          .isInstanceOf(JacksonException.class);
    }
  }

  @Test
  void aMapKeyIsCheckedAndNamedEscaped() {
    assertThatThrownBy(
            () ->
                json.readValue(
                    "{\"\\u0000\":\"ADMIN\"}", new TypeReference<Map<String, Level>>() {}))
        .isInstanceOfSatisfying(
            JacksonException.class,
            e -> assertThat(e.getPath().get(0).getPropertyName()).isEqualTo("\\u0000"));
    assertThatThrownBy(
            () -> json.readValue("{\"reports\":3}", new TypeReference<Map<String, Level>>() {}))
        .isInstanceOf(JacksonException.class);
  }
}
