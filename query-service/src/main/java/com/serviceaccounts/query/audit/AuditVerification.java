package com.serviceaccounts.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * What walking a company's hash chain found.
 *
 * @param status {@code OK} when every entry checked is intact, {@code BROKEN} otherwise
 * @param entriesChecked how many entries were found intact (before the break, if any)
 * @param lastSequence the company sequence of the last intact entry; {@code null} if none
 * @param lastHash its hash: what the next entry chains to
 * @param broken the first entry that is not intact, and why; {@code null} when {@code OK}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditVerification(
    String status, long entriesChecked, Long lastSequence, String lastHash, Break broken) {

  /**
   * @param companySequence the number of the entry that is changed, missing or out of place
   * @param eventId the event id the row with that number holds; {@code null} if there is none
   */
  record Break(long companySequence, UUID eventId, String reason) {}

  static AuditVerification intact(long checked, Long lastSequence, String lastHash) {
    return new AuditVerification("OK", checked, lastSequence, lastHash, null);
  }

  static AuditVerification broken(long checked, Long lastSequence, String lastHash, Break broken) {
    return new AuditVerification("BROKEN", checked, lastSequence, lastHash, broken);
  }
}
