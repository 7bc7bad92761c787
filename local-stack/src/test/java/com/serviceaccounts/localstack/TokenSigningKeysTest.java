package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSigningKeysTest {

  @TempDir Path dataDirectory;

  @Test
  void makesAnOwnerOnlyP256PairWhosePublicKeyVerifiesThePrivateKeysSignatures() throws Exception {
    TokenSigningKeys keys =
        TokenSigningKeys.loadOrCreate(dataDirectory.resolve(TokenSigningKeys.DIRECTORY));

    Path privatePem = keys.directory().resolve(TokenSigningKeys.PRIVATE_KEY_FILE);
    assertThat(Files.getPosixFilePermissions(privatePem))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    KeyFactory ec = KeyFactory.getInstance("EC");
    PrivateKey privateKey =
        ec.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem, "PRIVATE KEY")));
    ECPublicKey publicKey =
        (ECPublicKey)
            ec.generatePublic(new X509EncodedKeySpec(der(keys.publicKeyPem(), "PUBLIC KEY")));
    assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void makesAnRsaPairForRs256InAFolderOfItsOwn() throws Exception {
    String folderName = TokenSigningKeys.directoryName("RS256");
    TokenSigningKeys keys =
        TokenSigningKeys.loadOrCreate(dataDirectory.resolve(folderName), "RS256");

    assertThat(folderName).isNotEqualTo(TokenSigningKeys.directoryName("ES256"));
    RSAPublicKey publicKey =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(der(keys.publicKeyPem(), "PUBLIC KEY")));
    assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void keepsTheKeyPairOnLaterStarts() throws Exception {
    Path folder = dataDirectory.resolve(TokenSigningKeys.DIRECTORY);
    TokenSigningKeys first = TokenSigningKeys.loadOrCreate(folder);
    String publicPem = Files.readString(first.publicKeyPem());

    TokenSigningKeys second = TokenSigningKeys.loadOrCreate(folder);

    assertThat(second.directory()).isEqualTo(folder.toAbsolutePath().normalize());
    assertThat(Files.readString(second.publicKeyPem())).isEqualTo(publicPem);
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
