package com.serviceaccounts.query.audit;

import com.serviceaccounts.auditverifier.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;

/**
 * The checkpoint signing key, if this instance has one, and every published public key by key id:
 * the current key's and the earlier ones', kept so that every checkpoint ever signed verifies.
 */
final class CheckpointKeys {

  private final PrivateKey signingKey;
  private final String signingKeyId;
  private final Map<String, PublicKey> published;

  CheckpointKeys(AuditCheckpointProperties properties) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    if (properties.signingKey() != null) {
      signingKey = privateKey(properties.signingKey());
      PublicKey publicKey = matchingPublicKey(properties.signingPublicKey(), signingKey);
      signingKeyId = SigningKeys.keyId(publicKey);
      keys.put(signingKeyId, publicKey);
    } else {
      signingKey = null;
      signingKeyId = null;
    }
    for (Resource file : properties.publishedKeys()) {
      SigningKeys.parse(read(file)).forEach(key -> keys.putIfAbsent(SigningKeys.keyId(key), key));
    }
    published = Collections.unmodifiableMap(keys);
  }

  Optional<PrivateKey> signingKey() {
    return Optional.ofNullable(signingKey);
  }

  String signingKeyId() {
    return signingKeyId;
  }

  Map<String, PublicKey> published() {
    return published;
  }

  /** Every published key as PEM, the current one first. */
  String pem() {
    StringBuilder pem = new StringBuilder();
    published.values().forEach(key -> pem.append(SigningKeys.pem(key)));
    return pem.toString();
  }

  private static PrivateKey privateKey(Resource file) {
    PrivateKey key = PemContent.of(read(file)).getPrivateKey();
    if (!(key instanceof EdECPrivateKey)) {
      throw new IllegalStateException(
          "service-accounts.audit.checkpoints.signing-key must be an Ed25519 private key"
              + " (openssl genpkey -algorithm ed25519), was "
              + key.getAlgorithm());
    }
    return key;
  }

  /** The configured public key, once a signature of the private key verifies with it. */
  private static PublicKey matchingPublicKey(Resource file, PrivateKey privateKey) {
    if (file == null) {
      throw new IllegalStateException(
          "service-accounts.audit.checkpoints.signing-public-key must be set with signing-key");
    }
    PublicKey key = SigningKeys.parse(read(file)).get(0);
    if (!SigningKeys.matches(privateKey, key)) {
      throw new IllegalStateException(
          "service-accounts.audit.checkpoints.signing-public-key is not signing-key's public key");
    }
    return key;
  }

  private static String read(Resource file) {
    try {
      return file.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
