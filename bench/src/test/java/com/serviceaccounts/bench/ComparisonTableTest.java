package com.serviceaccounts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonTableTest {

  @Test
  void theRatioIsOursOverThePeersWithTheWayThatIsBetter() {
    assertThat(ComparisonTable.ratio(1422, 1385, true)).isEqualTo("1.03× (>1 is better)");
    assertThat(ComparisonTable.ratio(1922, 491, false)).isEqualTo("3.91× (<1 is better)");
  }

  @Test
  void aMissingFigureOrAZeroPeerHasNoRatio() {
    assertThat(ComparisonTable.ratio(Double.NaN, 10, true)).isEqualTo("—");
    assertThat(ComparisonTable.ratio(10, Double.NaN, true)).isEqualTo("—");
    assertThat(ComparisonTable.ratio(10, 0, false)).isEqualTo("—");
  }

  @Test
  void theTableIsMarkdownWithARowPerMeasure() {
    ComparisonTable table = new ComparisonTable("Keycloak 26.7.3");
    table.add(
        "create/s, 8 clients",
        new ComparisonTable.Cell(269, "269/s"),
        new ComparisonTable.Cell(366, "366/s"),
        true);
    table.add(
        "tokens/s, ES256, 8 clients",
        ComparisonTable.Cell.missing("not supported by this build"),
        new ComparisonTable.Cell(2000, "2,000/s"),
        true);

    assertThat(table.markdown())
        .isEqualTo(
            """
            | measure | this project | Keycloak 26.7.3 | ratio, this project / Keycloak 26.7.3 |
            |---|---|---|---|
            | create/s, 8 clients | 269/s | 366/s | 0.73× (>1 is better) |
            | tokens/s, ES256, 8 clients | not supported by this build | 2,000/s | — |
            """);
  }

  @Test
  void memoryCellsSumTheProcessesAndNameEach() {
    Figures figures = new Figures("this project");
    java.util.Map<String, Long> kib = new java.util.LinkedHashMap<>();
    kib.put("command-service", 390L * 1024);
    kib.put("PostgreSQL", 103L * 1024 + 512);
    figures.memory("idle", kib);

    assertThat(figures.cell("idle").value()).isEqualTo(493);
    assertThat(figures.cell("idle").text())
        .isEqualTo("493 MiB (command-service 390, PostgreSQL 103)");
    assertThat(figures.cell("after").text()).isEqualTo("not measured");
    figures.skipped("skipped: no JDK 21+");
    assertThat(figures.cell("after").text()).isEqualTo("skipped: no JDK 21+");
  }
}
