package com.serviceaccounts.localstack;

import com.serviceaccounts.devissuer.KeyFiles;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;

/**
 * query-service's Ed25519 key pair for signing audit checkpoints, in a folder: {@value
 * KeyFiles#PRIVATE_KEY_FILE} (PKCS#8 PEM, readable by its owner only) and {@value
 * KeyFiles#PUBLIC_KEY_FILE} (X.509 PEM). Made on first use and kept afterwards, so checkpoints
 * signed before still verify with the published key. A development key: a deployment keeps its
 * signing key in a secret store.
 */
public final class AuditSigningKeys {

  /** The folder under the local stack's data directory that holds the key pair. */
  public static final String DIRECTORY = "audit-signing";

  private final Path folder;

  private AuditSigningKeys(Path folder) {
    this.folder = folder;
  }

  /**
   * The key pair in {@code directory}, made there (with the folder) unless both files exist. One
   * process per folder makes it: the local stack's launcher, or a system test's own folder.
   *
   * @throws java.io.UncheckedIOException if the folder cannot be created or written
   */
  public static AuditSigningKeys loadOrCreate(Path directory) {
    Path folder = directory.toAbsolutePath().normalize();
    KeyFiles.keepKeyPair(
        folder,
        "audit signing keys (Ed25519)",
        () -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    return new AuditSigningKeys(folder);
  }

  public Path privateKeyPem() {
    return folder.resolve(KeyFiles.PRIVATE_KEY_FILE);
  }

  public Path publicKeyPem() {
    return folder.resolve(KeyFiles.PUBLIC_KEY_FILE);
  }

  /** The arguments that make query-service sign checkpoints with this key pair. */
  public List<String> queryServiceArguments() {
    return List.of(
        "--service-accounts.audit.checkpoints.signing-key=file:" + privateKeyPem(),
        "--service-accounts.audit.checkpoints.signing-public-key=file:" + publicKeyPem());
  }
}
