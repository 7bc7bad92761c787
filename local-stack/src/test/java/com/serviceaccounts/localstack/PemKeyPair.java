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

/** A key pair as the launcher writes it: two PEM files, the private one readable by its owner. */
record PemKeyPair(Path privateKeyPem, Path publicKeyPem, String algorithm) {

  /** The private key, after checking that only its owner may read or write its file. */
  PrivateKey ownerOnlyPrivateKey() throws Exception {
    assertThat(Files.getPosixFilePermissions(privateKeyPem))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    return KeyFactory.getInstance(algorithm)
        .generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem, "PRIVATE KEY")));
  }

  PublicKey publicKey() throws Exception {
    return KeyFactory.getInstance(algorithm)
        .generatePublic(new X509EncodedKeySpec(der(publicKeyPem, "PUBLIC KEY")));
  }

  /** That the public key verifies what the private key signed with {@code signatureAlgorithm}. */
  void assertSignsAndVerifies(String signatureAlgorithm) throws Exception {
    byte[] message = {1, 2, 3};
    Signature signer = Signature.getInstance(signatureAlgorithm);
    signer.initSign(ownerOnlyPrivateKey());
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(signatureAlgorithm);
    verifier.initVerify(publicKey());
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
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
