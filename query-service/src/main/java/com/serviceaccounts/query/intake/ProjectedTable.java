package com.serviceaccounts.query.intake;

import java.util.ArrayList;
import java.util.List;

/**
 * A table that a projection keeps from the events, and that a rebuild therefore makes afresh
 * ({@link ProjectionRebuild}): each projection names its own ({@link Projection#tables()}). What
 * such a table also holds that is not in the events (the last use of accounts, from usage reports)
 * a rebuild cannot make: the table names it as its carry-over, which the switch copies from the
 * current table into the new one ({@link RebuildSchema#switchOver()}).
 *
 * @param name the table's unqualified name
 * @param appendOnly whether rows are only ever appended, never read back while events are applied:
 *     a rebuild fills such a table without any key and builds its primary key at the end
 * @param carryOver null if the table holds nothing but what the events make; else one SQL statement
 *     that copies what they do not make from the current table, {@code public.<name>}, into the
 *     rebuilt one, {@code rebuild.<name>}, run at the switch while the current table is locked
 *     against writers
 * @param readBy the table's indexes, besides its primary key, that the projection looks rows up by
 *     while it applies events: a rebuild builds them on the empty copy, the others once it is full
 */
public record ProjectedTable(
    String name, boolean appendOnly, String carryOver, List<String> readBy) {

  public ProjectedTable {
    readBy = List.copyOf(readBy);
  }

  /** A table whose rows the projection looks up by primary key. */
  public static ProjectedTable keyed(String name) {
    return new ProjectedTable(name, false, null, List.of());
  }

  /** A table only appended to. */
  public static ProjectedTable appendOnly(String name) {
    return new ProjectedTable(name, true, null, List.of());
  }

  /**
   * This table, also holding what is not in the events, which {@code statement} carries over from
   * the current table to the rebuilt one.
   */
  public ProjectedTable carryingOver(String statement) {
    return new ProjectedTable(name, appendOnly, statement, readBy);
  }

  /** This table, whose rows the projection also looks up by the index {@code index}. */
  public ProjectedTable readBy(String index) {
    List<String> indexes = new ArrayList<>(readBy);
    indexes.add(index);
    return new ProjectedTable(name, appendOnly, carryOver, indexes);
  }
}
