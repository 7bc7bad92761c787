package com.serviceaccounts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one JSON mapping of events, shared by the event store's serializer, the Kafka publisher and
 * the consumers, so that the stored, published and consumed forms are the same document.
 *
 * <p>Unknown fields are ignored (a consumer keeps working when a producer adds a field); absent
 * values are left out; instants are ISO-8601 strings in UTC; a value is read only as its own type.
 */
public final class EventJson {

  private EventJson() {}

  /** A new, fully configured mapper; callers may keep it, it is thread-safe once configured. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule().addDeserializer(Instant.class, new StrictInstants()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // A value of another type is no value of this one: 12345 is no name, 1 no app type, 2.9
        // no secret number, "403" no status; a field named twice is no field.
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /**
   * An instant as events write one ({@link Instant#toString()}: {@code 2026-12-06T17:32:47.700Z}),
   * and nothing else. Hand-written: the time module also reads epoch numbers, trims spaces, takes
   * {@code t} and {@code z} in lower case and a 60th second, which no event holds.
   */
  private static final class StrictInstants extends StdScalarDeserializer<Instant> {

    private static final Pattern FORM =
        Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

    private StrictInstants() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) context.handleUnexpectedToken(Instant.class, parser);
      }
      String text = parser.getText();
      if (FORM.matcher(text).matches()) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException notADate) {
          // 2026-02-30T…: refused below
        }
      }
      throw context.weirdStringException(
          text, Instant.class, "not an instant in UTC such as 2026-12-06T17:32:47.700Z");
    }
  }
}
