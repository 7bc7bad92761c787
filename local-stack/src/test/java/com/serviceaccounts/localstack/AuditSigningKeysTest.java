package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeysTest {

  @TempDir Path dataDirectory;

  @Test
  void makesAnOwnerOnlyEd25519PairWhosePublicKeyVerifiesThePrivateKeysSignatures()
      throws Exception {
    AuditSigningKeys keys =
        AuditSigningKeys.loadOrCreate(dataDirectory.resolve(AuditSigningKeys.DIRECTORY));

    assertThat(Files.getPosixFilePermissions(keys.privateKeyPem()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey =
        ed25519.generatePrivate(new PKCS8EncodedKeySpec(der(keys.privateKeyPem(), "PRIVATE KEY")));
    PublicKey publicKey =
        ed25519.generatePublic(new X509EncodedKeySpec(der(keys.publicKeyPem(), "PUBLIC KEY")));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(privateKey);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void keepsTheKeyPairOnLaterStarts() throws Exception {
    Path folder = dataDirectory.resolve(AuditSigningKeys.DIRECTORY);
    AuditSigningKeys first = AuditSigningKeys.loadOrCreate(folder);
    String privatePem = Files.readString(first.privateKeyPem());
    String publicPem = Files.readString(first.publicKeyPem());

    AuditSigningKeys second = AuditSigningKeys.loadOrCreate(folder);

    assertThat(Files.readString(second.privateKeyPem())).isEqualTo(privatePem);
    assertThat(Files.readString(second.publicKeyPem())).isEqualTo(publicPem);
    assertThat(second.queryServiceArguments())
        .containsExactly(
            "--service-accounts.audit.checkpoints.signing-key=file:" + first.privateKeyPem(),
            "--service-accounts.audit.checkpoints.signing-public-key=file:" + first.publicKeyPem());
  }

  private static byte[] der(Path pem, String type) throws Exception {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("-----BEGIN " + type + "-----\n");
    return Base64.getMimeDecoder()
        .decode(
            text.replace("-----BEGIN " + type + "-----", "")
                .replace("-----END " + type + "-----", ""));
  }
}
