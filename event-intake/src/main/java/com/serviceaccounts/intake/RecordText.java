package com.serviceaccounts.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What of a failed record operators may read: bounded, printable text, never a whole value. */
public final class RecordText {

  public static final int PREVIEW_BYTES = 64;

  private RecordText() {}

  /** Text safe for a text column and a log line: no control characters, at most {@code max}. */
  public static String printable(String text, int max) {
    StringBuilder printable = new StringBuilder(Math.min(text.length(), max));
    text.codePoints()
        .limit(max)
        .forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return printable.toString();
  }

  /**
   * The first {@value #PREVIEW_BYTES} bytes of the value as text: undecodable bytes and control
   * characters shown as {@code ?}, and {@code …} when there is more.
   */
  public static String preview(byte[] value) {
    if (value == null) {
      return null;
    }
    int length = Math.min(value.length, PREVIEW_BYTES);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith("?");
    CharBuffer text = CharBuffer.allocate(length);
    decoder.decode(ByteBuffer.wrap(value, 0, length), text, true);
    text.flip();
    StringBuilder preview = new StringBuilder(text.length() + 1);
    text.chars()
        .forEach(c -> preview.append(Character.isISOControl(c) || c == 0xFFFD ? '?' : (char) c));
    return value.length > length ? preview.append('…').toString() : preview.toString();
  }
}
