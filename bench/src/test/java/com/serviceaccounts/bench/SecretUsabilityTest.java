package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretUsabilityTest {

  /** A stack whose token endpoint refuses each new secret twice before it works. */
  static final class SlowToLearn implements SecretUsability.Operations {
    private final Map<String, Integer> asked = new HashMap<>();
    private int accounts;
    private int rotations;

    @Override
    public SecretUsability.Credentials create() {
      accounts++;
      return new SecretUsability.Credentials("id-" + accounts, "sa_" + accounts, "s-1");
    }

    @Override
    public SecretUsability.Credentials rotate(SecretUsability.Credentials account) {
      rotations++;
      return new SecretUsability.Credentials(
          account.accountId(), account.clientId(), "s-r" + rotations);
    }

    @Override
    public boolean token(SecretUsability.Credentials credentials) {
      return asked.merge(credentials.clientId() + credentials.secret(), 1, Integer::sum) > 2;
    }
  }

  @Test
  void eachRoundTimesCreateAndRotateToTheFirstTokenAndCountsTheRefusalsOnTheWay() throws Exception {
    SlowToLearn stack = new SlowToLearn();

    SecretUsability.Result result = SecretUsability.measure(5, stack);

    assertThat(result.created().count()).isEqualTo(5);
    assertThat(result.rotated().count()).isEqualTo(5);
    assertThat(result.refusedAfterCreate()).isEqualTo(10);
    assertThat(result.refusedAfterRotate()).isEqualTo(10);
    assertThat(stack.accounts).isEqualTo(5);
    assertThat(stack.rotations).isEqualTo(5);
    assertThat(result.describe()).contains("create → usable p50").contains("rotate → usable p50");
  }
}
