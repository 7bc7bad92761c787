package com.serviceaccounts.query.audit;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.query.web.InvalidParametersException;
import com.serviceaccounts.security.edge.StrictParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The opaque {@code cursor} of an audit page: where the next page starts, as the company sequence
 * of the last entry handed out. Pages go from newer to older entries, so entries that arrive
 * meanwhile (higher numbers) neither shift nor repeat the pages still to come.
 */
final class AuditCursor {

  private static final String PREFIX = "before:";

  private AuditCursor() {}

  static String after(AuditEntry lastOfPage) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastOfPage.companySequence()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The company sequence the next page starts below; {@code null} for the first page.
   *
   * @throws InvalidParametersException if the cursor is not one this API handed out
   */
  static Long companySequenceBelow(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      // ASCII digits, as this API writes them: Java would read full-width ones too.
      if (decoded.startsWith(PREFIX)
          && StrictParameters.whole(decoded.substring(PREFIX.length()))) {
        long sequence = Long.parseLong(decoded.substring(PREFIX.length()));
        if (sequence >= 1) {
          return sequence;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // answered below, like any other cursor this API did not hand out
    }
    throw new InvalidParametersException(
        Map.of("cursor", "must be the nextCursor of a previous page"));
  }
}
