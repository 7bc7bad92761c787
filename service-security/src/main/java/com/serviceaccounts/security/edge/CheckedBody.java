package com.serviceaccounts.security.edge;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body read through a check: each read's bytes are handed to {@link #check}, and the end
 * of the body to {@link #end}, which throw a {@link RefusedBodyException} to give up on the body.
 */
abstract class CheckedBody extends ServletInputStream {

  private final ServletInputStream in;
  private final byte[] one = new byte[1];
  private boolean ended;

  CheckedBody(ServletInputStream in) {
    this.in = in;
  }

  /** The next {@code length} bytes of the body, at {@code offset} in {@code buffer}. */
  protected abstract void check(byte[] buffer, int offset, int length) throws RefusedBodyException;

  /** The body has been read to its end. */
  protected void end() throws RefusedBodyException {}

  @Override
  public final int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      check(buffer, offset, n);
    } else if (n < 0 && !ended) {
      ended = true;
      end();
    }
    return n;
  }

  @Override
  public boolean isFinished() {
    return in.isFinished();
  }

  @Override
  public boolean isReady() {
    return in.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    in.setReadListener(listener);
  }
}
