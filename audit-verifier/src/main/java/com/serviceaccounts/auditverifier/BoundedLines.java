package com.serviceaccounts.auditverifier;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of an export's file (entries, checkpoints, public keys), refused at the first line
 * longer than any entry: a file with a line of 50 MB is no export of this system, and is reported
 * as such rather than read into memory. Hand-written: Commons IO's {@code BoundedInputStream}
 * bounds the whole stream, not a line.
 */
final class BoundedLines extends FilterInputStream {

  /**
   * The longest line an entry takes: far more than its longest texts, escaped, ever need (and than
   * a checkpoint or a PEM line, which are shorter still).
   */
  static final int MAX_LINE_BYTES = 1 << 20;

  private long inLine;

  BoundedLines(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    for (int i = offset; i < offset + read; i++) {
      count(buffer[i]);
    }
    return read;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes are not looked at: read them instead, so that none escapes the count.
    return read() < 0 ? 0 : 1;
  }

  private void count(byte b) throws IOException {
    if (b == '\n') {
      inLine = 0;
    } else if (++inLine > MAX_LINE_BYTES) {
      throw new IOException(
          "a line is over " + (MAX_LINE_BYTES >> 20) + " MiB, which no line of an export is");
    }
  }
}
