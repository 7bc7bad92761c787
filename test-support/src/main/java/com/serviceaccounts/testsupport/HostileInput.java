package com.serviceaccounts.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a hostile client sends (strings no field accepts, JSON that breaks the body's
 * shape, query values that are not clean UTF-8) and the invariants every refusal keeps, shared by
 * the services' property tests.
 */
public final class HostileInput {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest problem a refusal may answer with (the instance repeats a path of up to 8 KiB). */
  public static final int MAX_PROBLEM_BYTES = 16 * 1024;

  /** The client the property tests send with: HTTP/1.1, which every service speaks. */
  public static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private HostileInput() {}

  /**
   * Strings no text field takes: a control character (U+0000 included) or an unpaired surrogate
   * somewhere in ordinary text, or a text too long for any field.
   */
  public static Arbitrary<String> hostileStrings() {
    Arbitrary<String> text = Arbitraries.strings().alpha().numeric().ofMaxLength(20);
    Arbitrary<Character> control =
        Arbitraries.oneOf(
            Arbitraries.chars().range('\u0000', '\u001f'),
            Arbitraries.chars().range('\u007f', '\u009f'));
    Arbitrary<Character> loneSurrogate = Arbitraries.chars().range('\ud800', '\udfff');
    Arbitrary<String> withBadChar =
        Combinators.combine(text, Arbitraries.oneOf(control, loneSurrogate), text)
            .as((before, bad, after) -> before + bad + after);
    Arbitrary<String> tooLong = Arbitraries.strings().alpha().ofMinLength(1_001).ofMaxLength(4_000);
    return Arbitraries.frequencyOf(
        Tuple.of(6, withBadChar), Tuple.of(1, tooLong), Tuple.of(1, Arbitraries.just("\u0000")));
  }

  /** {@code text} as a JSON string literal, every character outside printable ASCII escaped. */
  public static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /** JSON values of the wrong kind for a string, enum or duration property. */
  public static Arbitrary<String> wrongTypes() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().between(-1e6, 1e6).map(String::valueOf),
        Arbitraries.of("true", "false", "[]", "{}", "[\"ADMIN\"]", "{\"a\":1}", "1e400", "-0"),
        Arbitraries.integers()
            .between(1, 2_000)
            .map(depth -> "[".repeat(depth) + "]".repeat(depth)));
  }

  /**
   * Percent-encoded query values that no parameter takes: NUL and other control characters, bytes
   * that are not UTF-8, overlong encodings, encoded surrogates, values too long — each inside
   * ordinary text. (Broken escapes such as {@code %G1} are left out: Java's HTTP client cannot send
   * them; Tomcat answers them itself.)
   */
  public static Arbitrary<String> hostileQueryValues() {
    Arbitrary<String> bad =
        Arbitraries.of(
            "%00",
            "%01",
            "%0A",
            "%1F",
            "%7F",
            "%C2%85",
            "%FF",
            "%FE",
            "%80",
            "%C0%80",
            "%C0%AE",
            "%E0%80%AF",
            "%F0%80%80%AF",
            "%ED%A0%80",
            "%ED%BF%BF",
            "%E2%82",
            "%F4%90%80%80");
    Arbitrary<String> text = Arbitraries.strings().alpha().numeric().ofMaxLength(10);
    return Arbitraries.oneOf(
        // '_' after the defect, so that no text after an incomplete sequence completes it
        Combinators.combine(text, bad, text).as((before, b, after) -> before + b + "_" + after),
        Arbitraries.strings().alpha().ofMinLength(1_001).ofMaxLength(3_000));
  }

  /**
   * Asserts the invariants of every error answer: a 4xx (or a 503, the one documented 5xx, when
   * {@code unavailableAllowed}), as an RFC 9457 {@code application/problem+json} of bounded size.
   */
  public static void assertBoundedProblem(
      HttpResponse<byte[]> response, boolean unavailableAllowed) {
    String body = new String(response.body(), StandardCharsets.UTF_8);
    String shown = body.length() > 500 ? body.substring(0, 500) + "…" : body;
    if (unavailableAllowed && response.statusCode() == 503) {
      return;
    }
    assertThat(response.statusCode()).as(shown).isBetween(400, 499);
    Optional<String> type = response.headers().firstValue("Content-Type");
    assertThat(type)
        .as(shown)
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body().length).as(shown).isLessThanOrEqualTo(MAX_PROBLEM_BYTES);
    assertThat(textsOf(body))
        .as("the problem's texts, escaped: %s", shown)
        .noneMatch(HostileInput::hasUnstorableCharacter);
    assertThat(body)
        .as("a problem speaks of the API, not of the code behind it: %s", shown)
        .doesNotContain("java.", "tools.jackson", "com.serviceaccounts", "JsonToken", "coercion");
  }

  /** Whether {@code text} has a control character or an unpaired surrogate. */
  public static boolean hasUnstorableCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        return true;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The texts of a JSON document: its string values and its property names, at any depth. */
  public static List<String> textsOf(String json) {
    List<String> texts = new ArrayList<>();
    try {
      collect(JSON.readTree(json), texts);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
    return texts;
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.fieldNames().forEachRemaining(texts::add);
    node.elements().forEachRemaining(child -> collect(child, texts));
  }
}
