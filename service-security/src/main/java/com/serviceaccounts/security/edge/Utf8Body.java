package com.serviceaccounts.security.edge;

import jakarta.servlet.ServletInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body checked as it is read: strict UTF-8 (the JDK's decoder refuses overlong forms,
 * encoded surrogates and bytes past U+10FFFF, which Jackson's own reader decodes) and no zero byte,
 * which UTF-8 JSON never holds and UTF-16 or UTF-32 text always does. Hand-written because no
 * library checks a stream's bytes as they pass through; the decoding itself is the JDK's.
 */
final class Utf8Body extends CheckedBody {

  private static final int CARRIED = 4;

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer decoded = CharBuffer.allocate(1024);

  /** The bytes of a sequence a read cut in two, kept for the next read. */
  private final ByteBuffer pending = ByteBuffer.allocate(CARRIED);

  private long checked;

  Utf8Body(ServletInputStream in) {
    super(in);
  }

  @Override
  protected void check(byte[] buffer, int offset, int length) throws BodyNotUtf8Exception {
    check(ByteBuffer.wrap(buffer, offset, length));
  }

  private void check(ByteBuffer bytes) throws BodyNotUtf8Exception {
    for (int i = bytes.position(); i < bytes.limit(); i++) {
      if (bytes.get(i) == 0) {
        throw new BodyNotUtf8Exception(
            "a zero byte (UTF-16 or UTF-32 text)",
            checked + pending.position() + i - bytes.position());
      }
    }
    ByteBuffer input = bytes;
    if (pending.position() > 0) {
      input = ByteBuffer.allocate(pending.position() + bytes.remaining());
      input.put(pending.flip()).put(bytes).flip();
      pending.clear();
    }
    decode(input, false);
    pending.put(input);
  }

  @Override
  protected void end() throws BodyNotUtf8Exception {
    pending.flip();
    decode(pending, true);
    pending.clear();
  }

  private void decode(ByteBuffer bytes, boolean last) throws BodyNotUtf8Exception {
    while (true) {
      int start = bytes.position();
      CoderResult result = decoder.decode(bytes, decoded, last);
      checked += bytes.position() - start;
      decoded.clear();
      if (result.isError()) {
        throw new BodyNotUtf8Exception("an invalid or overlong byte sequence", checked);
      }
      if (result.isUnderflow()) {
        return;
      }
    }
  }
}
