package com.serviceaccounts.events.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientSecretHashTest {

  @Test
  void hashIsSha256InHexWithItsAlgorithmNamed() {
    // echo -n abc | sha256sum
    assertThat(ClientSecretHash.of("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matchesOnlyTheSecretItWasMadeFrom() {
    String stored = ClientSecretHash.of("s3cret-value");
    assertThat(ClientSecretHash.matches("s3cret-value", stored)).isTrue();
    assertThat(ClientSecretHash.matches("s3cret-valuf", stored)).isFalse();
    assertThat(ClientSecretHash.matches("", stored)).isFalse();
  }
}
