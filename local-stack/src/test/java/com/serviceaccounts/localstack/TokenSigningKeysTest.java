package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSigningKeysTest {

  @TempDir Path dataDirectory;

  @Test
  void makesAnOwnerOnlyP256PairWhosePublicKeyVerifiesThePrivateKeysSignatures() throws Exception {
    TokenSigningKeys keys =
        TokenSigningKeys.loadOrCreate(dataDirectory.resolve(TokenSigningKeys.DIRECTORY));

    PemKeyPair pair =
        new PemKeyPair(
            keys.directory().resolve(TokenSigningKeys.PRIVATE_KEY_FILE), keys.publicKeyPem(), "EC");
    ECPublicKey publicKey = (ECPublicKey) pair.publicKey();
    assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    pair.assertSignsAndVerifies("SHA256withECDSA");
  }

  @Test
  void makesAnRsaPairForRs256InAFolderOfItsOwn() throws Exception {
    String folderName = TokenSigningKeys.directoryName("RS256");
    TokenSigningKeys keys =
        TokenSigningKeys.loadOrCreate(dataDirectory.resolve(folderName), "RS256");

    assertThat(folderName).isNotEqualTo(TokenSigningKeys.directoryName("ES256"));
    RSAPublicKey publicKey =
        (RSAPublicKey)
            new PemKeyPair(
                    keys.directory().resolve(TokenSigningKeys.PRIVATE_KEY_FILE),
                    keys.publicKeyPem(),
                    "RSA")
                .publicKey();
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
}
