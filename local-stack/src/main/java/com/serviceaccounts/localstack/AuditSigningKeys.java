package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * query-service's Ed25519 key pair for signing audit checkpoints, in a folder: {@value
 * #PRIVATE_KEY_FILE} (PKCS#8 PEM, readable by its owner only) and {@value #PUBLIC_KEY_FILE} (X.509
 * PEM). Made on first use and kept afterwards, so checkpoints signed before still verify with the
 * published key. A development key: a deployment keeps its signing key in a secret store.
 */
public final class AuditSigningKeys {

  /** The folder under the local stack's data directory that holds the key pair. */
  public static final String DIRECTORY = "audit-signing";

  public static final String PRIVATE_KEY_FILE = "private.pem";

  public static final String PUBLIC_KEY_FILE = "public.pem";

  private final Path privateKeyPem;

  private final Path publicKeyPem;

  private AuditSigningKeys(Path privateKeyPem, Path publicKeyPem) {
    this.privateKeyPem = privateKeyPem;
    this.publicKeyPem = publicKeyPem;
  }

  /**
   * The key pair in {@code directory}, made there (with the folder) unless both files exist. One
   * process per folder makes it: the local stack's launcher, or a system test's own folder.
   *
   * @throws UncheckedIOException if the folder cannot be created or written
   */
  public static AuditSigningKeys loadOrCreate(Path directory) {
    Path folder = directory.toAbsolutePath().normalize();
    AuditSigningKeys keys =
        new AuditSigningKeys(folder.resolve(PRIVATE_KEY_FILE), folder.resolve(PUBLIC_KEY_FILE));
    if (Files.isRegularFile(keys.privateKeyPem) && Files.isRegularFile(keys.publicKeyPem)) {
      return keys;
    }
    try {
      Files.createDirectories(folder);
      KeyFiles.writeKeyPair(
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
          keys.privateKeyPem,
          keys.publicKeyPem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the audit signing keys in " + folder, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK cannot make an Ed25519 key pair", e);
    }
    return keys;
  }

  public Path privateKeyPem() {
    return privateKeyPem;
  }

  public Path publicKeyPem() {
    return publicKeyPem;
  }

  /** The arguments that make query-service sign checkpoints with this key pair. */
  public List<String> queryServiceArguments() {
    return List.of(
        "--service-accounts.audit.checkpoints.signing-key=file:" + privateKeyPem,
        "--service-accounts.audit.checkpoints.signing-public-key=file:" + publicKeyPem);
  }
}
