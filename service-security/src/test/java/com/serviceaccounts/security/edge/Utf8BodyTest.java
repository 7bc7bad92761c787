package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A body passes {@link Utf8Body} byte for byte exactly when it is strict UTF-8 without a zero byte,
 * however the reads cut it.
 */
class Utf8BodyTest {

  private final Random random = new Random();

  @RepeatedTest(200)
  void anyUtf8TextPassesWholeInReadsOfAnySize() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(200); i > 0; i--) {
      int codePoint = random.nextInt(1, Character.MAX_CODE_POINT + 1);
      if (Character.getType(codePoint) != Character.SURROGATE) {
        text.appendCodePoint(codePoint);
      }
    }
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(body, 1 + random.nextInt(7))).isEqualTo(body);
  }

  @Test
  void overlongFormsEncodedSurrogatesAndCodePointsPastTheLastAreRefusedWherever() {
    byte[][] wrong = {
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xFF},
      {(byte) 0xE9, 'x'},
      {(byte) 0xE2, (byte) 0x82},
      {0, '"', '}'}
    };
    for (byte[] bad : wrong) {
      for (int chunk = 1; chunk <= 5; chunk++) {
        byte[] body = concat("{\"name\":\"ab".getBytes(StandardCharsets.UTF_8), bad);
        int size = chunk;
        assertThatThrownBy(() -> readAll(body, size))
            .as("%s in reads of %d", Arrays.toString(bad), size)
            .isInstanceOf(BodyNotUtf8Exception.class)
            .hasMessageContaining("at byte 11");
      }
    }
  }

  private static byte[] readAll(byte[] body, int chunk) throws IOException {
    Utf8Body in = new Utf8Body(new Chunked(body, chunk));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16];
    for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
      out.write(buffer, 0, n);
    }
    assertThat(in.read()).isEqualTo(-1);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** A body handed out at most {@code chunk} bytes a read, as a socket may. */
  private static final class Chunked extends ServletInputStream {
    private final byte[] body;
    private final int chunk;
    private int at;

    Chunked(byte[] body, int chunk) {
      this.body = body;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return at < body.length ? body[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (at >= body.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, chunk), body.length - at);
      System.arraycopy(body, at, buffer, offset, n);
      at += n;
      return n;
    }

    @Override
    public boolean isFinished() {
      return at >= body.length;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {}
  }
}
