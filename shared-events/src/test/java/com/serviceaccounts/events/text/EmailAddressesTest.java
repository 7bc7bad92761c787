package com.serviceaccounts.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice@acme.example",
        "a.b-c+tag@mail.acme.example",
        "o'brien@x9.example",
        "=sum@acme.example",
        "1@2.example",
        "a@x.c0m",
      })
  void aDirectorysAddressesAreWellFormed(String address) {
    assertThat(EmailAddresses.isWellFormed(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "alice",
        "alice@localhost",
        "a@-x.example",
        "a@x-.example",
        "a@x..example",
        "a..b@x.example",
        ".a@x.example",
        "a.@x.example",
        "a@[127.0.0.1]",
        "a@127.0.0.1",
        "a@x.123",
        "\"a b\"@x.example",
        "a@b@x.example",
        "a b@x.example",
        " a@x.example",
        "service-account:sa_x@x.example",
        "al\u202eice@x.example",
        "al\u0000ice@x.example",
        "ålice@x.example",
        "a@exämple.example",
      })
  void anythingElseIsNot(String address) {
    assertThat(EmailAddresses.isWellFormed(address)).isFalse();
  }

  @Test
  void theLocalPartAndTheWholeHaveTheirLimits() {
    String host = "@" + "h".repeat(63) + "." + "h".repeat(63) + "." + "h".repeat(59) + ".example";
    assertThat(EmailAddresses.isWellFormed("a".repeat(64) + "@x.example")).isTrue();
    assertThat(EmailAddresses.isWellFormed("a".repeat(65) + "@x.example")).isFalse();
    assertThat(EmailAddresses.isWellFormed("a".repeat(254 - host.length()) + host)).isTrue();
    assertThat(EmailAddresses.isWellFormed("a".repeat(255 - host.length()) + host)).isFalse();
    assertThat(EmailAddresses.isWellFormed("a@" + "h".repeat(64) + ".example")).isFalse();
    assertThat(EmailAddresses.isWellFormed(null)).isFalse();
  }
}
