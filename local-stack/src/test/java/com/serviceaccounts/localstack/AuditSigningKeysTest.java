package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeysTest {

  @TempDir Path dataDirectory;

  @Test
  void makesAnOwnerOnlyEd25519PairWhosePublicKeyVerifiesThePrivateKeysSignatures()
      throws Exception {
    AuditSigningKeys keys =
        AuditSigningKeys.loadOrCreate(dataDirectory.resolve(AuditSigningKeys.DIRECTORY));

    new PemKeyPair(keys.privateKeyPem(), keys.publicKeyPem(), "Ed25519")
        .assertSignsAndVerifies("Ed25519");
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
}
