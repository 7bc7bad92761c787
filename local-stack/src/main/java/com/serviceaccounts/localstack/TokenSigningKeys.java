package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.KeyFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.Set;

/**
 * token-service's key pair for signing service accounts' access tokens, a P-256 pair for ES256 (its
 * default) or an RSA-2048 pair for RS256, in a folder: {@value #PRIVATE_KEY_FILE} (PKCS#8 PEM,
 * readable by its owner only) and {@value #PUBLIC_KEY_FILE} (X.509 PEM), which is what {@code
 * service-accounts.token.key-directory} names. Made on first use and kept afterwards, so tokens
 * signed before a restart stay valid. A development key: a deployment keeps its signing key in a
 * secret store.
 */
public final class TokenSigningKeys {

  /** The folder under the local stack's data directory that holds the ES256 key pair. */
  public static final String DIRECTORY = "token-signing";

  /**
   * The algorithms token-service signs with ({@code service-accounts.token.signature-algorithm}).
   */
  public static final Set<String> ALGORITHMS = Set.of("ES256", "RS256");

  public static final String PRIVATE_KEY_FILE = KeyFiles.PRIVATE_KEY_FILE;

  public static final String PUBLIC_KEY_FILE = KeyFiles.PUBLIC_KEY_FILE;

  private final Path directory;

  private TokenSigningKeys(Path directory) {
    this.directory = directory;
  }

  /**
   * The key pair in {@code directory}, made there (with the folder) unless both files exist. One
   * process per folder makes it: the local stack's launcher, or a test's own folder.
   *
   * @throws UncheckedIOException if the folder cannot be created or written
   */
  public static TokenSigningKeys loadOrCreate(Path directory) {
    return loadOrCreate(directory, "ES256");
  }

  /**
   * The folder under the local stack's data directory for {@code algorithm}'s pair: {@value
   * #DIRECTORY} for ES256, {@code token-signing-rs256} for RS256, so that switching back and forth
   * keeps each pair.
   */
  public static String directoryName(String algorithm) {
    return algorithm.equals("ES256")
        ? DIRECTORY
        : DIRECTORY + "-" + algorithm.toLowerCase(Locale.ROOT);
  }

  /**
   * The key pair for {@code algorithm} ({@link #ALGORITHMS}) in {@code directory}, made there
   * unless both files exist.
   *
   * @throws IllegalArgumentException if the algorithm is not one of {@link #ALGORITHMS}
   * @throws UncheckedIOException if the folder cannot be created or written
   */
  public static TokenSigningKeys loadOrCreate(Path directory, String algorithm) {
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException(
          "token-service signs with one of " + ALGORITHMS + ", not " + algorithm);
    }
    Path folder = directory.toAbsolutePath().normalize();
    KeyFiles.keepKeyPair(
        folder,
        "token signing keys (" + algorithm + ")",
        () -> {
          KeyPairGenerator generator;
          if (algorithm.equals("ES256")) {
            generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
          } else {
            generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
          }
          return generator.generateKeyPair();
        });
    return new TokenSigningKeys(folder);
  }

  /** The folder: the value of {@code service-accounts.token.key-directory}. */
  public Path directory() {
    return directory;
  }

  public Path publicKeyPem() {
    return directory.resolve(PUBLIC_KEY_FILE);
  }
}
