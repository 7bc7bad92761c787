package com.serviceaccounts.query.security;

import com.serviceaccounts.auditverifier.ChainAlgorithm;
import com.serviceaccounts.auditverifier.ChainWalk;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A company's security entries: refused attempts on its service accounts, newest first, and the
 * verification of their hash chain. ADMIN on the company's Admin tool, like the audit trail.
 */
@ReadAgainOnAnEndedConnection
@RestController
@PreAuthorize("@companyAccess.canAdminister(authentication, #companyId)")
class SecurityEntryController {

  private final SecurityEntries entries;

  SecurityEntryController(SecurityEntries entries) {
    this.entries = entries;
  }

  /**
   * @param before the {@code nextBefore} of the previous page: entries before that position
   */
  @GetMapping(
      path = "/companies/{companyId}/audit/security-entries",
      produces = MediaType.APPLICATION_JSON_VALUE)
  SecurityEntryPage list(
      @PathVariable UUID companyId,
      @RequestParam(required = false) UUID accountId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) @Min(1) Long before,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    List<SecurityEntryView> found =
        entries.newestFirst(companyId, accountId, from, to, before, limit + 1);
    List<SecurityEntryView> items = found.size() > limit ? found.subList(0, limit) : found;
    Long next = found.size() > limit ? items.get(limit - 1).position() : null;
    return new SecurityEntryPage(items, next);
  }

  /** Walks the company's chain of security entries from the first. */
  @GetMapping(
      path = "/companies/{companyId}/audit/security-entries/verify",
      produces = MediaType.APPLICATION_JSON_VALUE)
  SecurityChainVerification verify(@PathVariable UUID companyId) {
    ChainWalk walk = new ChainWalk(1, ChainAlgorithm.GENESIS, List.of());
    entries.inChainOrder(companyId, 1, entry -> walk.accept(entry.chainEntry()));
    return walk.broken()
        .map(
            broken ->
                SecurityChainVerification.broken(
                    walk.checked(),
                    broken.id() == null ? null : UUID.fromString(broken.id()),
                    broken.reason()))
        .orElseGet(
            () ->
                SecurityChainVerification.ok(
                    walk.checked(), walk.checked() == 0 ? null : walk.lastHash()));
  }

  /** A page of entries; {@code nextBefore} is {@code null} on the last page. */
  record SecurityEntryPage(List<SecurityEntryView> items, Long nextBefore) {}

  /**
   * @param status {@code OK} or {@code BROKEN}
   * @param entriesChecked how many entries were found intact before the answer
   * @param lastHash the newest entry's hash when OK
   * @param brokenEntryId the first entry that does not fit, when BROKEN
   */
  record SecurityChainVerification(
      String status, long entriesChecked, String lastHash, UUID brokenEntryId, String reason) {

    static SecurityChainVerification ok(long checked, String lastHash) {
      return new SecurityChainVerification("OK", checked, lastHash, null, null);
    }

    static SecurityChainVerification broken(long checked, UUID entryId, String reason) {
      return new SecurityChainVerification("BROKEN", checked, null, entryId, reason);
    }
  }
}
