package com.serviceaccounts.query.intake;

import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Moves companies' positions (a chain's head, the last applied event) only from the value read at
 * the transaction's start: each update names it ({@code ... WHERE company_id = :companyId AND ... =
 * :before}) and must change exactly one row. One that changes none was moved by another transaction
 * meanwhile, which fails this one instead of letting both write.
 */
public final class CompareAndSet {

  private CompareAndSet() {}

  /**
   * @param moved what went wrong, with {@code %s} for the company
   * @throws IllegalStateException if a company's position moved meanwhile
   */
  public static void update(
      NamedParameterJdbcTemplate jdbc, String update, List<SqlParameterSource> rows, String moved) {
    int[] changed = jdbc.batchUpdate(update, rows.toArray(SqlParameterSource[]::new));
    for (int i = 0; i < changed.length; i++) {
      if (changed[i] != 1) {
        throw new IllegalStateException(moved.formatted(rows.get(i).getValue("companyId")));
      }
    }
  }
}
