package com.serviceaccounts.events.serviceaccount;

import com.serviceaccounts.events.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one form in which a client secret is kept: {@code sha256:<hex>}. Secrets are 256 bits from a
 * CSPRNG, so a fast unsalted hash is enough: there is no dictionary to attack, and a slow password
 * hash would only cap the token rate. Comparison is constant-time.
 */
public final class ClientSecretHash {

  private static final String PREFIX = "sha256:";

  private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

  private ClientSecretHash() {}

  public static String of(String secret) {
    return PREFIX + Sha256.hex(secret);
  }

  /**
   * Checks a hash an event carries: one of another form (another algorithm, upper-case digits, a
   * digest cut short) would be kept and never match a secret.
   *
   * @return {@code hash}
   * @throws IllegalArgumentException if it is not {@code sha256:} and 64 lower-case hex digits
   */
  static String require(String field, String hash) {
    Objects.requireNonNull(hash, field);
    if (!FORM.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          field + " is not of the form sha256:<64 lower-case hex digits>");
    }
    return hash;
  }

  /**
   * Whether {@code secret} hashes to {@code storedHash}, in time independent of where they differ.
   */
  public static boolean matches(String secret, String storedHash) {
    byte[] presented = of(secret).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
