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

  @Test
  void aQueryValueWithoutANameIsNamedAsTheQuery() {
    for (String query : new String[] {"=1", "a=b&=", "a=b&=1&c=d"}) {
      assertThat(ParameterDefect.inQuery(query, 1_000))
          .as(query)
          .isEqualTo(new ParameterDefect("query", "has a value without a parameter name (=…)"));
    }
    assertThat(ParameterDefect.inQuery("a=b&&c=d&", 1_000)).isNull();
  }

  @Test
  void percentEncodingTakesAsciiHexDigitsOnly() {
    assertThat(ParameterDefect.inQuery("q=%41%6a", 1_000)).isNull();
    for (String query : new String[] {"q=%\uFF14\uFF11", "q=%\u0664\u0661", "q=%4\uFF41"}) {
      assertThat(ParameterDefect.inQuery(query, 1_000))
          .as(query)
          .extracting(ParameterDefect::name)
          .isEqualTo("q");
    }
  }
}
