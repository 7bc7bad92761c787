package com.serviceaccounts.query.audit;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.query.web.AccountNotFoundException;
import com.serviceaccounts.security.problems.ReadAgainOnAnEndedConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time travel: an account as it was at an instant. The audit trail holds every event's changes
 * (each field's value after it), so the account at {@code asOf} is those changes applied in version
 * order, up to and including the last event at or before {@code asOf}.
 */
@ReadAgainOnAnEndedConnection
@RestController
class AccountHistoryController {

  /** More events than any account has; the fold reads the whole history up to the instant. */
  private static final int WHOLE_HISTORY = 1_000_000;

  private final AuditTrailRepository entries;

  AccountHistoryController(AuditTrailRepository entries) {
    this.entries = entries;
  }

  /**
   * The account at {@code asOf}; 404 before its creation, after its purge, or in another company.
   */
  @PreAuthorize("@companyAccess.canRead(authentication, #companyId)")
  @GetMapping(
      value = "/companies/{companyId}/service-accounts/{id}",
      params = "asOf",
      produces = MediaType.APPLICATION_JSON_VALUE)
  AccountAsOf asOf(
      @PathVariable UUID companyId, @PathVariable UUID id, @RequestParam Instant asOf) {
    // Entries are stored to the microsecond; "at or before asOf" is "before the next microsecond".
    Instant end = asOf.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    List<AuditEntry> history =
        new ArrayList<>(
            entries.newestFirst(
                new AuditQuery(companyId, id, null, Set.of(), null, end), null, WHOLE_HISTORY));
    Collections.reverse(history);
    Map<String, String> fields = new HashMap<>();
    fields.put("status", AccountStatus.ACTIVE.name());
    for (AuditEntry entry : history) {
      entry
          .changes()
          .properties()
          .forEach(change -> fields.put(change.getKey(), AuditEntry.after(change.getValue())));
    }
    if (history.isEmpty() || AuditChanges.PURGED.equals(fields.get("status"))) {
      throw new AccountNotFoundException(companyId, id);
    }
    Map<String, String> permissions = new LinkedHashMap<>();
    for (String tool : CompanyTools.ids()) {
      String level = fields.get("permissions." + tool);
      permissions.put(tool, level == null ? PermissionLevel.NONE.name() : level);
    }
    AuditEntry last = history.get(history.size() - 1);
    String status = fields.get("status");
    String restorableUntil = fields.get("restorableUntil");
    return new AccountAsOf(
        id,
        companyId,
        asOf,
        last.version(),
        fields.get("clientId"),
        fields.get("name"),
        fields.get("appType"),
        fields.get("marketplaceAppId"),
        status,
        permissions,
        AccountStatus.DELETED.name().equals(status) && restorableUntil != null
            ? Instant.parse(restorableUntil)
            : null,
        last.occurredAt(),
        last.actor());
  }
}
