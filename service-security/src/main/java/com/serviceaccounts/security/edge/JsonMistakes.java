package com.serviceaccounts.security.edge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What a client's JSON did wrong, in the words of the API rather than of the code that read it: no
 * Java class, Jackson type or switch is named. Jackson's messages are written for the programmer
 * who configures it ("Cannot deserialize value of type `java.lang.String`", "enable
 * `JsonReadFeature...`"), so the part a client can act on is said again here.
 */
public final class JsonMistakes {

  /** Jackson's advice to its programmer: which switch or constraint to change. */
  private static final Pattern ADVICE =
      Pattern.compile(": enable `[^`]*` to allow|, from `[^`]*`| \\(but could if [^)]*\\)");

  private JsonMistakes() {}

  /**
   * Why the value at {@code refused}'s path was refused, to follow the path: "must be a string, not
   * a number", "must be one of [NONE, ADMIN]", or the rule's own words for a {@link
   * StrictJson.RuleBroken}.
   */
  public static String mismatch(MismatchedInputException refused) {
    if (refused instanceof StrictJson.RuleBroken rule) {
      return rule.getOriginalMessage();
    }
    String message = String.valueOf(refused.getOriginalMessage());
    if (refused.getPath().isEmpty() && message.startsWith("Trailing token")) {
      return "must be one JSON value, with nothing after it";
    }
    String expected = expected(refused.getTargetType());
    String found = found(refused.getCurrentToken());
    // A string where an enum constant or a string belongs was refused for what it says, not for
    // being a string.
    boolean textRefused =
        refused.getCurrentToken() == JsonToken.VALUE_STRING
            && (expected.equals("must be a string") || expected.startsWith("must be one of"));
    if (found == null || textRefused) {
      return expected;
    }
    return expected + ", not " + found;
  }

  /** What is wrong with a body that is not JSON, and where. */
  public static String syntax(JacksonException malformed) {
    String message = ADVICE.matcher(String.valueOf(malformed.getOriginalMessage())).replaceAll("");
    TokenStreamLocation at = malformed.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return message;
    }
    return message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** {@code must be one of [A, B]} for an enum type. */
  public static String oneOf(Class<?> enumType) {
    return "must be one of " + List.of(enumType.getEnumConstants());
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type.isEnum()) {
      return oneOf(type);
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
      return "must be a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(type)
        || type.isRecord()
        || !type.getName().startsWith("java.")) {
      return "must be an object";
    }
    return "must be a string";
  }

  private static String found(JsonToken token) {
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }
}
