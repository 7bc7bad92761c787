package com.serviceaccounts.systemtests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/**
 * Hostile pieces of requests, generated: JSON values and bodies, query parameter values, header
 * values and form fields. Each knows a short description, so a failing try names what was sent
 * without printing megabytes. A property class extends this one, as jqwik finds the providers that
 * a {@code @ForAll("name")} names in the class and its superclasses.
 */
abstract class Hostile {

  /** The largest single input generated; the answers must not grow with it. */
  static final int HUGE = 3 << 20;

  /** Bytes to send and what they are. */
  record Piece(String description, byte[] bytes) {

    static Piece of(String description, String text) {
      return new Piece(description, text.getBytes(StandardCharsets.UTF_8));
    }

    static Piece raw(String description, int... bytes) {
      byte[] raw = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        raw[i] = (byte) bytes[i];
      }
      return new Piece(description, raw);
    }

    /** As ISO-8859-1 text: one char per byte, for request lines and headers. */
    String latin1() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** A JSON value where a string or an enum's name belongs: wrong types, bad text, huge, deep. */
  Arbitrary<Piece> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Piece.of("a number", "1"),
            Piece.of("a negative number", "-1"),
            Piece.of("a huge number", "1e400"),
            Piece.of("true", "true"),
            Piece.of("an array", "[\"CUSTOM\"]"),
            Piece.of("an object", "{\"name\":\"x\"}"),
            Piece.of("an empty object", "{}"),
            Piece.of("an escaped NUL", "\"a\\u0000b\""),
            Piece.of("an escaped BEL", "\"\\u0007\""),
            Piece.of("an escaped unpaired high surrogate", "\"x\\ud800\""),
            Piece.of("an escaped unpaired low surrogate", "\"\\udc00y\""),
            Piece.of("an escaped reversed surrogate pair", "\"\\udc00\\ud800\""),
            Piece.of("NaN", "NaN"),
            Piece.of("a single-quoted string", "'CUSTOM'"),
            Piece.of("a comment", "/* */ \"CUSTOM\""),
            Piece.of("an unterminated string", "\"CUSTOM")),
        Arbitraries.of(
            wrapped("a raw NUL inside a string", 0x00),
            wrapped("a raw line feed inside a string", 0x0a),
            wrapped("a raw 0xFF byte", 0xff),
            wrapped("an overlong encoding of '.'", 0xc0, 0xae),
            wrapped("an overlong encoding of NUL", 0xc0, 0x80),
            wrapped("an encoded surrogate (CESU)", 0xed, 0xa0, 0x80),
            wrapped("a truncated multi-byte sequence", 0xe2, 0x82)),
        Arbitraries.integers()
            .between(70_000, HUGE)
            .map(length -> Piece.of("a string of " + length + " chars", quoted(length))),
        Arbitraries.integers()
            .between(600, 20_000)
            .map(
                depth ->
                    Piece.of(
                        "arrays nested " + depth + " deep", "[".repeat(depth) + "]".repeat(depth))),
        Arbitraries.integers()
            .between(600, 20_000)
            .map(
                depth ->
                    Piece.of(
                        "objects nested " + depth + " deep",
                        "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))));
  }

  /** A query parameter's value as it stands in the request target (already percent-encoded). */
  @Provide
  Arbitrary<Piece> parameterValues() {
    return Arbitraries.oneOf(malformedParameterValues(), wrongParameterValues());
  }

  /** Values that no parameter can hold: NUL, invalid UTF-8, broken percent-encoding. */
  @Provide
  Arbitrary<Piece> malformedParameterValues() {
    return Arbitraries.of(
        Piece.of("%00", "%00"),
        Piece.of("a%00b", "a%00b"),
        Piece.of("%FF (invalid UTF-8)", "%FF"),
        Piece.of("%C0%AE (overlong '.')", "%C0%AE"),
        Piece.of("%C0%80 (overlong NUL)", "%C0%80"),
        Piece.of("%ED%A0%80 (encoded surrogate)", "%ED%A0%80"),
        Piece.of("%E2%82 (truncated sequence)", "%E2%82"),
        Piece.of("a lone %", "%"),
        Piece.of("%zz", "%zz"));
  }

  private Arbitrary<Piece> wrongParameterValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Piece.of("empty", ""),
            Piece.of("-1", "-1"),
            Piece.of("a huge integer", "99999999999999999999999"),
            Piece.of("a float", "1.5e3"),
            Piece.of("%0D%0A (CRLF)", "%0D%0AX-Injected:%201"),
            Piece.of("a script", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
            Piece.of("a quote", "%27%22"),
            Piece.of("a raw 0xFF byte", "\u00ff"),
            Piece.of("a raw tab", "\t")),
        longValues(2_000, 200_000));
  }

  /** A header value: control characters, non-ASCII bytes, huge, empty. */
  @Provide
  Arbitrary<Piece> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Piece.of("empty", ""),
            Piece.of("a NUL", "a\u0000b"),
            Piece.of("a BEL", "\u0007"),
            Piece.of("a DEL", "a\u007fb"),
            Piece.of("a bare CR", "a\rb"),
            Piece.of("an obsolete line folding", "a\r\n b"),
            Piece.of("a raw 0xFF byte", "\u00ff"),
            Piece.of("raw UTF-8 bytes", "\u00c3\u00a9")),
        longValues(9_000, 300_000));
  }

  /** Plain values of {@code min} to {@code max} chars: too long is all that is wrong with them. */
  private static Arbitrary<Piece> longValues(int min, int max) {
    return Arbitraries.integers()
        .between(min, max)
        .map(length -> Piece.of("a value of " + length + " chars", "x".repeat(length)));
  }

  /** An {@code Authorization} header's value that authenticates no one. */
  @Provide
  Arbitrary<Piece> authorizations() {
    return Arbitraries.oneOf(
        headerValues(),
        Arbitraries.of(
            Piece.of("Bearer", "Bearer"),
            Piece.of("Bearer and a space", "Bearer "),
            Piece.of("Bearer garbage", "Bearer not-a-jwt"),
            Piece.of("Bearer a.b.c", "Bearer a.b.c"),
            Piece.of("Bearer with alg none", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            Piece.of("Basic garbage", "Basic %%%"),
            Piece.of("Basic without a colon", "Basic eA=="),
            Piece.of("Basic with a NUL", "Basic eDoAeQ=="),
            Piece.of("an unknown scheme", "Negotiate abc"),
            Piece.of("two schemes", "Bearer a, Basic eDp5")),
        Arbitraries.integers()
            .between(9_000, 100_000)
            .map(
                length ->
                    Piece.of("Bearer of " + length + " chars", "Bearer " + "a".repeat(length))));
  }

  /** An {@code If-Match} that names no version the account can be at. */
  @Provide
  Arbitrary<Piece> ifMatches() {
    return Arbitraries.oneOf(
        headerValues(),
        Arbitraries.of(
            Piece.of("an empty entity tag", "\"\""),
            Piece.of("a weak tag", "W/\"999\""),
            Piece.of("a word", "\"abc\""),
            Piece.of("unquoted", "999"),
            Piece.of("zero", "\"0\""),
            Piece.of("negative", "\"-1\""),
            Piece.of("a huge integer", "\"99999999999999999999\""),
            Piece.of("a list", "\"998\", \"999\"")));
  }

  /** A form field's value as it stands in a urlencoded body. */
  @Provide
  Arbitrary<Piece> formValues() {
    return Arbitraries.oneOf(
        parameterValues(),
        Arbitraries.integers()
            .between(70_000, HUGE)
            .map(length -> Piece.of("a field of " + length + " chars", "y".repeat(length))));
  }

  private static Piece wrapped(String description, int... bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('"');
    out.write('a');
    for (int b : bytes) {
      out.write(b);
    }
    out.write('b');
    out.write('"');
    return new Piece(description, out.toByteArray());
  }

  private static String quoted(int length) {
    return "\"" + "z".repeat(length) + "\"";
  }
}
