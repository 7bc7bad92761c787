package com.serviceaccounts.auditverifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  /**
   * A checkpoint signed with a fixed key: Ed25519 signatures are deterministic, so its line and its
   * hash are the same at every run, and a change in what is signed or how shows here.
   */
  @Test
  void aSignedCheckpointIsTheSameLineAtEveryRun() throws Exception {
    PrivateKey key =
        KeyFactory.getInstance(SigningKeys.ALGORITHM)
            .generatePrivate(
                new EdECPrivateKeySpec(
                    NamedParameterSpec.ED25519,
                    HexFormat.of()
                        .parseHex(
                            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));

    Checkpoint checkpoint = checkpoint(null).signedWith(key);

    assertThat(checkpoint.toJson())
        .isEqualTo(
            "{\"chain\":\"audit\",\"companyId\":\"0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11\","
                + "\"createdAt\":\"2026-12-01T10:15:30.123Z\",\"format\":1,"
                + "\"keyId\":\""
                + "ef".repeat(32)
                + "\",\"lastHash\":\""
                + "ab".repeat(32)
                + "\",\"lastSequence\":6,\"number\":2,\"previousCheckpointHash\":\""
                + "cd".repeat(32)
                + "\",\"signature\":\"vFRcS7WL5WwtalhZi2FmtYkO50COEY0s3rWX6GpWHg2Hg9TPjGlOcCNCfh+qHYmr"
                + "eFPMstIqSa3/63SFOYgjDw==\"}");
    assertThat(checkpoint.hash())
        .isEqualTo("4c20711df2430ca30a5b882b4a51fb93694d7568168cd9f87370d1eab75690cc");
  }

  /** A line the signature does not cover as it stands is no checkpoint, as openssl finds too. */
  @Test
  void aFieldTheSignatureDoesNotCoverOrOneOfAnotherTypeIsRefused() {
    String line = checkpoint("c2ln").toJson();
    assertThat(Checkpoint.parse(line).number()).isEqualTo(2);
    for (String altered :
        List.of(
            line.replace("{", "{\"note\":\"approved\","),
            line.replace("\"format\":1", "\"format\":\"1\""),
            line.replace("\"number\":2", "\"number\":\"2\""),
            line.replace("\"number\":2", "\"number\":2.0"),
            line.replace("\"keyId\":\"", "\"keyId\":[\"")
                .replace("\",\"lastHash", "\"],\"lastHash"))) {
      assertThatThrownBy(() -> Checkpoint.parse(altered))
          .as(altered)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * A checkpoints file that is one line of 100 MiB is refused as unreadable once the line passes
   * the bound, not read whole into memory.
   */
  @Test
  void aCheckpointLineOverTheBoundIsRefusedBeforeItIsReadWhole() {
    long size = 100L << 20;
    long[] consumed = {0};
    InputStream oneLine =
        new InputStream() {
          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (consumed[0] == size) {
              return -1;
            }
            int n = (int) Math.min(length, size - consumed[0]);
            Arrays.fill(buffer, offset, offset + n, (byte) ' ');
            if (consumed[0] == 0 && n > 0) {
              buffer[offset] = '{';
            }
            consumed[0] += n;
            return n;
          }
        };

    assertThatThrownBy(() -> ExportFiles.checkpoints("generated.ndjson", oneLine))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("generated.ndjson: a line is over 1 MiB");
    assertThat(consumed[0])
        .isGreaterThan(BoundedLines.MAX_LINE_BYTES)
        .isLessThan(BoundedLines.MAX_LINE_BYTES + (64 << 10));
  }

  /** Checkpoint 2 of a company's audit chain, up to entry 6, with {@code signature}. */
  private static Checkpoint checkpoint(String signature) {
    return new Checkpoint(
        ChainKind.AUDIT,
        UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11"),
        2,
        6,
        "ab".repeat(32),
        "cd".repeat(32),
        Instant.parse("2026-12-01T10:15:30.123Z"),
        "ef".repeat(32),
        signature);
  }
}
