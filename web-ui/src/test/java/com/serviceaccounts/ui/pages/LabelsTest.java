package com.serviceaccounts.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** How the pages name who acted. */
class LabelsTest {

  private final Labels labels = new Labels(new StaticMessageSource());

  @Test
  void aPersonIsNamedAsTheirSignInNamesThemAndNobodyElseReadsAsAPerson() {
    assertThat(labels.actor("user:alice@acme.example")).isEqualTo("alice@acme.example");
    // A service account whose client id a person's sign-in could also name: told apart.
    assertThat(labels.actor("service-account:sa_64u7WlrKc7bouFmKW-D-dw"))
        .isEqualTo("service-account:sa_64u7WlrKc7bouFmKW-D-dw");
    assertThat(labels.actor("user:sa_64u7WlrKc7bouFmKW-D-dw"))
        .isEqualTo("sa_64u7WlrKc7bouFmKW-D-dw");
    assertThat(labels.actor("system:retention")).isEqualTo("system:retention");
    assertThat(labels.actor(null)).isEmpty();
  }
}
