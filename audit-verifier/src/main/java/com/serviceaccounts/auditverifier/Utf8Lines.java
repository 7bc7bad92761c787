package com.serviceaccounts.auditverifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * A file's bytes as strict UTF-8 text (a malformed or overlong sequence refused), which says on
 * which line bytes that are not UTF-8 stand. Hand-written because the JDK's readers say only how
 * many bytes they could not read, and drop the text they decoded before them in the same read, so
 * no reader on top of them can count the lines up to the bad bytes.
 */
final class Utf8Lines extends Reader {

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private boolean end;
  private boolean flushed;
  private long newlines;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (flushed) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (out.position() == offset) {
      CoderResult result = decoder.decode(bytes, out, end);
      if (result.isError()) {
        count(buffer, offset, out.position());
        throw new NotUtf8Exception(newlines + 1);
      }
      if (result.isOverflow()) {
        break;
      }
      if (end) {
        flushed = decoder.flush(out).isUnderflow(); // UTF-8 keeps no state: it has nothing to add
        if (out.position() == offset) {
          return -1;
        }
        break;
      }
      bytes.compact();
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        end = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
    }
    count(buffer, offset, out.position());
    return out.position() - offset;
  }

  private void count(char[] buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == '\n') {
        newlines++;
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Bytes that are not UTF-8 text, on the line it names. */
  static final class NotUtf8Exception extends IOException {

    NotUtf8Exception(long line) {
      super("line " + line + " holds bytes that are not UTF-8 text");
    }
  }

  /** What a failure to read a file says: where bytes are not UTF-8, if that is what it is. */
  static String describe(Exception failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotUtf8Exception notUtf8) {
        return notUtf8.getMessage();
      }
    }
    return failure.getMessage();
  }
}
