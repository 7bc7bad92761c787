package com.serviceaccounts.events.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServiceAccountEditedTest {

  private static final UUID ACCOUNT = UUID.randomUUID();
  private static final UUID COMPANY = UUID.randomUUID();

  @Test
  void theValuesBeforeAChangeAreBoundedAsTheValuesAfterIt() {
    // The audit trail stores and serves both: a forged 600 KB name before was stored.
    assertThatThrownBy(() -> edited(new ValueChange<>("n".repeat(1_001), "ERP"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name.before must be at most 1000 characters");
    assertThatThrownBy(() -> edited(null, new ValueChange<>("m".repeat(201), "sage")))
        .hasMessage("marketplaceAppId.before must be at most 200 characters");
    assertThatThrownBy(() -> edited(new ValueChange<>("ERP", "n".repeat(1_001)), null))
        .hasMessage("name.after must be at most 1000 characters");
    assertThatThrownBy(() -> edited(new ValueChange<>("a\u0000b", "ERP"), null))
        .hasMessageStartingWith("name.before must not contain control characters");
  }

  @Test
  void aBoundCountsCharactersNotUtf16Units() {
    String emoji = "\ud83d\ude00";
    assertThat(edited(new ValueChange<>(emoji.repeat(1_000), "ERP"), null).name().before())
        .hasSize(2_000);
    assertThatThrownBy(() -> edited(new ValueChange<>(emoji.repeat(1_001), "ERP"), null))
        .hasMessage("name.before must be at most 1000 characters");
    assertThat(edited(null, new ValueChange<>(null, "m".repeat(200))).marketplaceAppId().after())
        .hasSize(200);
  }

  private static ServiceAccountEdited edited(
      ValueChange<String> name, ValueChange<String> marketplaceAppId) {
    return new ServiceAccountEdited(ACCOUNT, COMPANY, name, null, marketplaceAppId);
  }
}
