package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParameterDefectTest {

  @Test
  void aWholeNumberTooLargeForItsTypeIsToldTheTypesRange() {
    assertThat(ParameterDefect.form(int.class, "99999999999"))
        .isEqualTo("a whole number from -2147483648 to 2147483647");
    assertThat(ParameterDefect.form(Integer.class, "-2147483649"))
        .isEqualTo("a whole number from -2147483648 to 2147483647");
    assertThat(ParameterDefect.form(long.class, "9".repeat(40)))
        .isEqualTo("a whole number from -9223372036854775808 to 9223372036854775807");
  }

  @Test
  void anythingElseIsToldItsKindOnly() {
    assertThat(ParameterDefect.form(int.class, "0x10")).isEqualTo("a whole number");
    assertThat(ParameterDefect.form(int.class, "１２")).isEqualTo("a whole number");
    assertThat(ParameterDefect.form(long.class, null)).isEqualTo("a whole number");
    assertThat(ParameterDefect.form(UUID.class, "123")).isEqualTo("a UUID");
  }
}
