package com.serviceaccounts.events.serviceaccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one form in which a client secret is kept: {@code sha256:<hex>}. Secrets are 256 bits from a
 * CSPRNG, so a fast unsalted hash is enough: there is no dictionary to attack, and a slow password
 * hash would only cap the token rate. Comparison is constant-time.
 */
public final class ClientSecretHash {

  private static final String PREFIX = "sha256:";

  private ClientSecretHash() {}

  public static String of(String secret) {
    return PREFIX + HexFormat.of().formatHex(digest(secret));
  }

  /**
   * Whether {@code secret} hashes to {@code storedHash}, in time independent of where they differ.
   */
  public static boolean matches(String secret, String storedHash) {
    byte[] presented = of(secret).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
