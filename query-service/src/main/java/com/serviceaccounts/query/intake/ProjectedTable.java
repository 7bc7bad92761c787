package com.serviceaccounts.query.intake;

/**
 * A table that a projection keeps from the events alone, and that a rebuild therefore makes afresh
 * ({@link ProjectionRebuild}): each projection names its own ({@link Projection#tables()}).
 *
 * @param name the table's unqualified name
 * @param appendOnly whether rows are only ever appended, never read back while events are applied:
 *     a rebuild fills such a table without any key and builds its primary key at the end
 */
public record ProjectedTable(String name, boolean appendOnly) {

  /** A table whose rows the projection looks up by primary key. */
  public static ProjectedTable keyed(String name) {
    return new ProjectedTable(name, false);
  }

  /** A table only appended to. */
  public static ProjectedTable appendOnly(String name) {
    return new ProjectedTable(name, true);
  }
}
