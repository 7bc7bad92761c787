package com.serviceaccounts.security.edge;

import com.serviceaccounts.events.text.UntrustedText;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The request bodies' JSON, read strictly by the mapper that Spring MVC parses them with (Jackson
 * 3's {@link JsonMapper}): a number or a boolean is not a string, a number is not an enum constant
 * nor a duration, a property given twice or unknown is refused, and every string (map keys
 * included) is one a client may send: no control characters, no unpaired surrogates, at most {@link
 * #MAX_STRING_LENGTH} characters, and an enum constant is named exactly (Jackson would take it with
 * spaces around). Each refusal is a Jackson exception with the path of the property, which the
 * services answer with a 400 problem naming it ({@link JsonMistakes}).
 */
public final class StrictJson implements JsonMapperBuilderCustomizer {

  /** The longest string a request body may hold in any property or map key. */
  public static final int MAX_STRING_LENGTH = 1_000;

  @Override
  public void customize(JsonMapper.Builder builder) {
    builder
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            strings ->
                strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Enum,
            enums ->
                enums
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .addModule(
            new SimpleModule("strict-json")
                .addDeserializer(String.class, new CheckedString())
                .addKeyDeserializer(String.class, new CheckedKey())
                .addDeserializer(Duration.class, new IsoDuration())
                .setDeserializerModifier(
                    new ValueDeserializerModifier() {
                      @Override
                      public ValueDeserializer<?> modifyEnumDeserializer(
                          DeserializationConfig config,
                          JavaType type,
                          BeanDescription.Supplier description,
                          ValueDeserializer<?> deserializer) {
                        return new ExactEnum(deserializer);
                      }
                    }));
  }

  /**
   * A value refused by one of these rules rather than by Jackson's own reading; its message is the
   * rule's, in words a client can act on.
   */
  public static final class RuleBroken extends MismatchedInputException {

    RuleBroken(JsonParser parser, String message, Class<?> type) {
      super(parser, message, type);
    }
  }

  /** An enum constant by its exact name: Jackson's own reader would also take it with spaces. */
  static final class ExactEnum extends DelegatingDeserializer {

    ExactEnum(ValueDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
      return new ExactEnum(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        String name = parser.getString();
        if (name.length() != name.trim().length()) {
          throw new RuleBroken(
              parser,
              JsonMistakes.oneOf(handledType()) + ", written without spaces around it",
              handledType());
        }
      }
      return super.deserialize(parser, context);
    }
  }

  /**
   * Strings as Jackson reads them (its coercion rules apply), then checked: JSON may escape any
   * character, U+0000 included, and Jackson has no switch that refuses such strings.
   */
  static final class CheckedString extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String value = StringDeserializer.instance.deserialize(parser, context);
      String defect = value == null ? null : UntrustedText.defect(value, MAX_STRING_LENGTH);
      if (defect != null) {
        throw new RuleBroken(parser, defect, String.class);
      }
      return value;
    }
  }

  /** Map keys checked like every other string (see {@link CheckedString}). */
  static final class CheckedKey extends KeyDeserializer {

    @Override
    public Object deserializeKey(String key, DeserializationContext context) {
      String defect = UntrustedText.defect(key, MAX_STRING_LENGTH);
      if (defect != null) {
        // Jackson gives a key's failure no path; the key itself (escaped) names the property.
        MismatchedInputException refused =
            new RuleBroken(context.getParser(), "a key " + defect, String.class);
        refused.prependPath(null, UntrustedText.echo(key));
        throw refused;
      }
      return key;
    }
  }

  /**
   * A duration only as ISO-8601 text ({@code PT1H}): Jackson's own deserializer reads a bare number
   * as seconds and has no switch to refuse it.
   */
  static final class IsoDuration extends ValueDeserializer<Duration> {

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        throw new RuleBroken(
            parser, "must be an ISO-8601 duration such as \"PT1H\", not a number", Duration.class);
      }
      try {
        return Duration.parse(parser.getString());
      } catch (DateTimeParseException e) {
        throw new RuleBroken(
            parser, "must be an ISO-8601 duration such as \"PT1H\"", Duration.class);
      }
    }
  }
}
