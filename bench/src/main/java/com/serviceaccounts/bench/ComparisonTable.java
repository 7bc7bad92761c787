package com.serviceaccounts.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table the peer comparison ends with, in Markdown: each measure for both systems,
 * and their ratio (ours / the peer's) with the way that is better.
 */
final class ComparisonTable {

  /** One system's figure for a measure: the number the ratio uses and the text the cell shows. */
  record Cell(double value, String text) {

    /** A figure the system could not give, and why. */
    static Cell missing(String why) {
      return new Cell(Double.NaN, why);
    }
  }

  private record Row(String measure, Cell ours, Cell peer, boolean higherIsBetter) {}

  private final String peerName;
  private final List<Row> rows = new ArrayList<>();

  ComparisonTable(String peerName) {
    this.peerName = peerName;
  }

  /** A measure; {@code higherIsBetter}: throughput is, latency, CPU, memory and time are not. */
  void add(String measure, Cell ours, Cell peer, boolean higherIsBetter) {
    rows.add(new Row(measure, ours, peer, higherIsBetter));
  }

  /**
   * Ours / the peer's, e.g. {@code 1.03× (>1 is better)}; a dash when either is missing or the
   * peer's is zero.
   */
  static String ratio(double ours, double peer, boolean higherIsBetter) {
    if (Double.isNaN(ours) || Double.isNaN(peer) || peer == 0) {
      return "—";
    }
    return String.format(
        Locale.ROOT, "%.2f× (%s1 is better)", ours / peer, higherIsBetter ? ">" : "<");
  }

  String markdown() {
    StringBuilder table =
        new StringBuilder()
            .append("| measure | this project | ")
            .append(peerName)
            .append(" | ratio, this project / ")
            .append(peerName)
            .append(" |\n|---|---|---|---|\n");
    for (Row row : rows) {
      table
          .append("| ")
          .append(row.measure())
          .append(" | ")
          .append(row.ours().text())
          .append(" | ")
          .append(row.peer().text())
          .append(" | ")
          .append(ratio(row.ours().value(), row.peer().value(), row.higherIsBetter()))
          .append(" |\n");
    }
    return table.toString();
  }
}
