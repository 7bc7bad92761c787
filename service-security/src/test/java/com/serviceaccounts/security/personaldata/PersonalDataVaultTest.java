package com.serviceaccounts.security.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonalDataVaultTest {

  private final InMemoryKeyStore keys = new InMemoryKeyStore();
  private final PersonalDataVault vault = new PersonalDataVault(keys);
  private final UUID account = UUID.randomUUID();

  @Test
  void sealedTextOpensWithTheAccountsKeyAndHidesThePlaintext() {
    String sealed = vault.seal(account, "integration@acme.example");

    assertThat(sealed).startsWith("pd1:").doesNotContain("integration").doesNotContain("acme");
    assertThat(vault.open(account, sealed)).contains("integration@acme.example");
  }

  @Test
  void eachSealingUsesAFreshIvUnderTheSameKey() {
    String first = vault.seal(account, "same@acme.example");
    String second = vault.seal(account, "same@acme.example");

    assertThat(first).isNotEqualTo(second);
    assertThat(keys.find(account)).isPresent();
    assertThat(vault.open(account, second)).contains("same@acme.example");
  }

  @Test
  void shreddingTheKeyMakesEverySealedCopyUnreadable() {
    String sealed = vault.seal(account, "gone@acme.example");

    assertThat(vault.shred(account)).isTrue();

    assertThat(vault.open(account, sealed)).isEmpty();
    assertThat(vault.openAll(Map.of(account, sealed))).isEmpty();
    assertThat(vault.shred(account)).isFalse();
  }

  @Test
  void aSealedTextMovedToAnotherAccountDoesNotOpen() {
    UUID other = UUID.randomUUID();
    String sealed = vault.seal(account, "mine@acme.example");
    vault.seal(other, "theirs@acme.example");

    assertThatThrownBy(() -> vault.open(other, sealed)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void openAllOpensManyWithOneLookUp() {
    UUID other = UUID.randomUUID();
    String mine = vault.seal(account, "mine@acme.example");
    String theirs = vault.seal(other, "theirs@acme.example");
    vault.shred(other);

    assertThat(vault.openAll(Map.of(account, mine, other, theirs)))
        .containsExactly(Map.entry(account, "mine@acme.example"));
  }
}
